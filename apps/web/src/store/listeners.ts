/** A store that says when its value changed; `subscribe` returns what stops listening. */
export interface Observable<T> {
  subscribe(listener: (value: T) => void): () => void;
}

/**
 * The listeners of one store (the session, the library, the uploader's rows and news): each store
 * keeps its own state and tells them of every change; the pages follow it with `useSubscription`.
 */
export class Listeners<T> {
  readonly #listeners = new Set<(value: T) => void>();

  /** Adds a listener; the function returned removes it. */
  add(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of this.#listeners) listener(value);
  }

  clear(): void {
    this.#listeners.clear();
  }
}
