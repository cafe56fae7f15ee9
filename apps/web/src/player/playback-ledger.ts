import { PLAYBACK_COOKIE_LIFETIME_SECONDS } from "@video-platform/shared-types";
import * as z from "zod";
import type { StatusApi } from "../api/status-api.js";
import { readStoredJson } from "../storage/browser-storage.js";

/** What the ledger keeps: when each video's cookies (and the live channel's) were last asked for, in ms. */
const LedgerEntries = z.object({ videos: z.record(z.string(), z.number()), live: z.number().optional() });
type LedgerEntries = z.infer<typeof LedgerEntries>;

const STORAGE_KEY = "video-platform:playback-grants";
/** Past this, cookies asked for then have expired on their own (the answer came after the ask: a margin). */
const KEEP_MS = (PLAYBACK_COOKIE_LIFETIME_SECONDS + 5 * 60) * 1000;

type LedgerStorage = Pick<Storage, "getItem" | "setItem">;

/**
 * The playback cookies this browser asked for, so that sign-out can take them back: they are
 * `HttpOnly`, out of the app's reach, and only the API's answer (the same cookies expired) removes
 * them. Kept in storage, not in memory: the cookies belong to the browser, so a reload, another
 * tab, or an earlier person whose session ended without signing out must not hide them. A grant is
 * noted when it is asked for, not when it is answered: an answer that lands after the page stopped
 * waiting still sets its cookies. Entries older than the cookies' lifetime are dropped.
 */
export class PlaybackLedger {
  /** Grants of this page still on their way: sign-out waits for them, or their cookies would land after it. */
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly storage: LedgerStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** `api`, with every playback grant it asks for noted here. */
  track(api: StatusApi): StatusApi {
    // Delegated one by one: `api` may be a class instance, whose methods a spread would not copy.
    return {
      getStatus: (uploadId, signal) => api.getStatus(uploadId, signal),
      listStatuses: (page, signal) => api.listStatuses(page, signal),
      endPlayback: (uploadId, signal) => api.endPlayback(uploadId, signal),
      endLivePlayback: (signal) => api.endLivePlayback(signal),
      deleteVideo: (uploadId) => api.deleteVideo(uploadId),
      grantPlayback: (uploadId, signal) => {
        this.#update((entries) => ({ ...entries, videos: { ...entries.videos, [uploadId]: this.now() } }));
        return this.#watch(api.grantPlayback(uploadId, signal));
      },
      grantLivePlayback: (signal) => {
        this.#update((entries) => ({ ...entries, live: this.now() }));
        return this.#watch(api.grantLivePlayback(signal));
      },
    };
  }

  /**
   * Once this page's grants in flight have landed, asks `api` to end every grant noted whose
   * cookies may still hold, all at once (the live channel's too); settles when each call has
   * answered or failed. What was ended is forgotten;
   * what failed stays for the next sign-out. Best effort: it never throws.
   */
  async endAll(api: Pick<StatusApi, "endPlayback" | "endLivePlayback">, signal?: AbortSignal): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
    const { videos, live } = this.#read();
    const ended = await Promise.all([
      ...Object.keys(videos).map((uploadId) => settled(api.endPlayback(uploadId, signal), { uploadId })),
      ...(live === undefined ? [] : [settled(api.endLivePlayback(signal), { live: true })]),
    ]);
    this.#update((entries) => {
      const remaining = { ...entries.videos };
      for (const done of ended) if (done !== undefined && "uploadId" in done) delete remaining[done.uploadId];
      const liveEnded = ended.some((done) => done !== undefined && "live" in done);
      return { videos: remaining, ...(liveEnded || entries.live === undefined ? {} : { live: entries.live }) };
    });
  }

  #watch<T>(grant: Promise<T>): Promise<T> {
    this.#inFlight.add(grant);
    const done = () => this.#inFlight.delete(grant);
    grant.then(done, done);
    return grant;
  }

  /** The entries whose cookies may still hold. */
  #read(): LedgerEntries {
    const parsed = LedgerEntries.safeParse(readStoredJson(this.storage, STORAGE_KEY));
    const entries = parsed.success ? parsed.data : { videos: {} };
    const fresh = (at: number) => this.now() - at < KEEP_MS;
    const videos = Object.fromEntries(Object.entries(entries.videos).filter(([, at]) => fresh(at)));
    return { videos, ...(entries.live !== undefined && fresh(entries.live) ? { live: entries.live } : {}) };
  }

  #update(change: (entries: LedgerEntries) => LedgerEntries): void {
    try {
      this.storage.setItem(STORAGE_KEY, JSON.stringify(change(this.#read())));
    } catch {
      // Full or disabled storage: the grant goes on; sign-out just cannot end its cookies early.
    }
  }
}

/** `what` once `call` has answered, undefined if it failed. */
function settled<T>(call: Promise<unknown>, what: T): Promise<T | undefined> {
  return call.then(
    () => what,
    () => undefined,
  );
}
