import type { PlaybackGrantResponse } from "@video-platform/shared-types";

/** A grant of playback cookies, or null where the media needs none (a public live channel). */
export type PlaybackGrant = PlaybackGrantResponse | null;

export interface PlaybackGrantKeeperOptions {
  /** Asks the API for cookies: the browser stores the answer's `Set-Cookie`s, the body says until when. */
  readonly request: (signal: AbortSignal) => Promise<PlaybackGrant>;
  /** A renewal that keeps failing until the cookies expired: playback cannot go on. */
  readonly onLost?: (error: unknown) => void;
  readonly now?: () => number;
  /** Wait before trying a failed renewal again, while the cookies still hold. */
  readonly retryMs?: number;
}

const DEFAULT_RETRY_MS = 30_000;

/**
 * Keeps a player's playback cookies valid while its page is open: the first grant before the
 * player loads anything, a new one at each grant's `renewAt` (a margin before it expires), and one
 * at once when the media answered 403 (`renew`). Two asks at the same moment share one request.
 */
export class PlaybackGrantKeeper {
  #grant: PlaybackGrant | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<PlaybackGrant> | undefined;
  #stopped = false;
  readonly #controller = new AbortController();
  readonly #options: PlaybackGrantKeeperOptions;
  readonly #now: () => number;

  constructor(options: PlaybackGrantKeeperOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The grant the cookies hold now, once one was given. */
  get grant(): PlaybackGrant | undefined {
    return this.#grant;
  }

  /** Asks for cookies now (unless a request is already on its way) and schedules the next renewal. */
  renew(): Promise<PlaybackGrant> {
    if (this.#inFlight !== undefined) return this.#inFlight;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#inFlight = this.#options
      .request(this.#controller.signal)
      .then((grant) => {
        this.#grant = grant;
        if (grant !== null) this.#schedule(Date.parse(grant.renewAt));
        return grant;
      })
      .finally(() => {
        this.#inFlight = undefined;
      });
    return this.#inFlight;
  }

  /** The page closed: no more requests, and the one in flight is abandoned. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller.abort();
  }

  #schedule(at: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#renewOnTime();
    }, Math.max(0, at - this.#now()));
  }

  async #renewOnTime(): Promise<void> {
    try {
      await this.renew();
    } catch (error) {
      if (this.#stopped) return;
      const expiresAt = this.#grant ? Date.parse(this.#grant.expiresAt) : 0;
      const retryAt = this.#now() + (this.#options.retryMs ?? DEFAULT_RETRY_MS);
      // While the cookies still hold, a failed renewal is tried again (last at expiry); after that, playback is over.
      if (this.#now() < expiresAt) this.#schedule(Math.min(retryAt, expiresAt));
      else this.#options.onLost?.(error);
    }
  }
}
