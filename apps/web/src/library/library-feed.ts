import type { UploadStatusResponse } from "@video-platform/shared-types";
import { ApiError } from "../api/api-errors.js";
import type { ListScope, StatusApi } from "../api/status-api.js";
import { Listeners } from "../store/listeners.js";
import { describeUploadFailure } from "../upload/upload-failure.js";
import { isSettled, mergeLibraryItems, unsettledOutside } from "./library-items.js";

export interface LibraryState {
  /** `mine`, or `all` for an admin who asked to see everyone's uploads (each with its owner). */
  readonly scope: ListScope;
  readonly items: readonly UploadStatusResponse[];
  readonly loaded: boolean;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  /** Why the last load or refresh failed; the list keeps what it had. */
  readonly error?: string;
}

export interface LibraryFeedOptions {
  readonly pageSize?: number;
  /** How often a list with unfinished uploads is refreshed. */
  readonly pollMs?: number;
  /** Longest wait between refreshes after failures. */
  readonly maxBackoffMs?: number;
}

/**
 * The caller's uploads (or, for an admin, everyone's), page by page, kept current without a
 * reload: while anything is not terminal the first page and every unfinished upload beyond it are
 * asked for again every ~2 s. Stale unfinished uploads are not listed: the server leaves them out.
 */
export class LibraryFeed {
  #state: LibraryState = { scope: "mine", items: [], loaded: false, hasMore: false, loadingMore: false };
  /** Bumped when the scope changes: answers about the other scope are dropped. */
  #generation = 0;
  #nextPageToken: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #refreshing: Promise<void> | undefined;
  #failures = 0;
  #again = false;
  #stopped = false;
  readonly #listeners = new Listeners<LibraryState>();
  readonly #pageSize: number;
  readonly #pollMs: number;
  readonly #maxBackoffMs: number;

  constructor(
    private readonly api: StatusApi,
    options: LibraryFeedOptions = {},
  ) {
    this.#pageSize = options.pageSize ?? 20;
    this.#pollMs = options.pollMs ?? 2_000;
    this.#maxBackoffMs = options.maxBackoffMs ?? 30_000;
  }

  get state(): LibraryState {
    return this.#state;
  }

  subscribe(listener: (state: LibraryState) => void): () => void {
    return this.#listeners.add(listener);
  }

  start(): Promise<void> {
    this.#stopped = false;
    return this.refresh();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Asks again now (an upload of ours just changed), then keeps polling while needed. */
  refresh(): Promise<void> {
    if (this.#refreshing !== undefined) {
      // The answer in flight may predate what prompted this call: ask once more after it.
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = this.#refreshOnce().finally(() => {
      this.#refreshing = undefined;
      if (this.#again && !this.#stopped) {
        this.#again = false;
        void this.refresh();
      } else {
        this.#schedule();
      }
    });
    return this.#refreshing;
  }

  /** Switches between "my uploads" and, for admins, everyone's: the list starts over. */
  showScope(scope: ListScope): Promise<void> {
    if (scope === this.#state.scope) return Promise.resolve();
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#nextPageToken = undefined;
    this.#failures = 0;
    this.#set({ scope, items: [], loaded: false, hasMore: false, loadingMore: false, error: undefined });
    return this.refresh();
  }

  async loadMore(): Promise<void> {
    if (this.#nextPageToken === undefined || this.#state.loadingMore) return;
    const generation = this.#generation;
    this.#set({ loadingMore: true });
    try {
      const page = await this.api.listStatuses({ scope: this.#state.scope, limit: this.#pageSize, pageToken: this.#nextPageToken });
      if (generation !== this.#generation) return;
      this.#nextPageToken = page.nextPageToken;
      this.#set({
        items: mergeLibraryItems(this.#state.items, page.items),
        hasMore: page.nextPageToken !== undefined,
        loadingMore: false,
        error: undefined,
      });
      this.#schedule();
    } catch (error) {
      if (generation === this.#generation) this.#set({ loadingMore: false, error: `Could not load more uploads: ${describeUploadFailure(error)}` });
    }
  }

  /** An upload that no longer exists (cancelled, deleted) leaves the list at once. */
  forget(uploadId: string): void {
    this.#set({ items: this.#state.items.filter((item) => item.uploadId !== uploadId) });
  }

  async #refreshOnce(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const generation = this.#generation;
    try {
      const first = await this.api.listStatuses({ scope: this.#state.scope, limit: this.#pageSize });
      const others = unsettledOutside(this.#state.items, first.items);
      const gone = new Set<string>();
      const singles = await Promise.all(
        others.map((uploadId) =>
          this.api.getStatus(uploadId).catch((error: unknown) => {
            if (error instanceof ApiError && error.status === 404) gone.add(uploadId);
            else throw error;
            return undefined;
          }),
        ),
      );
      if (generation !== this.#generation) return;
      const fresh = [...first.items, ...singles.filter((item) => item !== undefined)];
      const items = mergeLibraryItems(
        this.#state.items.filter((item) => !gone.has(item.uploadId)),
        fresh,
      );
      if (!this.#state.loaded) this.#nextPageToken = first.nextPageToken;
      this.#failures = 0;
      this.#set({ items, loaded: true, hasMore: this.#nextPageToken !== undefined, error: undefined });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#failures++;
      this.#set({ error: `Could not refresh the library: ${describeUploadFailure(error)}` });
    }
  }

  #schedule(): void {
    if (this.#stopped || this.#timer !== undefined || this.#refreshing !== undefined) return;
    const failing = this.#failures > 0;
    if (!failing && this.#state.loaded && isSettled(this.#state.items)) return;
    const delay = failing ? Math.min(this.#maxBackoffMs, this.#pollMs * 2 ** this.#failures) : this.#pollMs;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.refresh();
    }, delay);
  }

  #set(changes: Partial<LibraryState>): void {
    this.#state = { ...this.#state, ...changes };
    this.#listeners.emit(this.#state);
  }
}
