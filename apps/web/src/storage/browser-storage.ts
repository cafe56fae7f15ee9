/** What the app keeps in the browser (resumable uploads, the playback ledger) needs of `Storage`. */
export type BrowserStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

/** Storage for when localStorage is unavailable (privacy modes): everything works, memory lasts the visit. */
export class MemoryStorage implements BrowserStorage {
  readonly #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
}

/** localStorage where the browser allows it. */
export function browserStorage(): BrowserStorage {
  try {
    const storage = window.localStorage;
    storage.getItem("");
    return storage;
  } catch {
    return new MemoryStorage();
  }
}

/** The JSON stored under `key`, or undefined when there is none, it is not JSON, or storage refuses. */
export function readStoredJson(storage: Pick<Storage, "getItem">, key: string): unknown {
  try {
    const raw = storage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}
