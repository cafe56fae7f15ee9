import type { PresignedPart } from "@video-platform/shared-types";

export interface SignedParts {
  readonly parts: readonly PresignedPart[];
  readonly expiresAt: string;
}

export interface PartUrlBookOptions {
  readonly partCount: number;
  /** Asks the API for fresh URLs (`POST /uploads/{uploadId}/parts`). */
  readonly sign: (partNumbers: number[], signal?: AbortSignal) => Promise<SignedParts>;
  readonly now?: () => number;
  /** A URL this close to expiry is not handed out: the PUT would fail halfway. */
  readonly expiryMarginMs?: number;
  /** Part numbers asked for in one request (the API accepts up to 1000). */
  readonly batchSize?: number;
}

interface Entry {
  readonly url: string;
  readonly expiresAtMs: number;
}

/**
 * The presigned part URLs of one multipart upload. URLs come with the upload, and after expiry
 * or a reload they are fetched in batches of the parts still to send, never one request per part.
 */
export class PartUrlBook {
  readonly #entries = new Map<number, Entry>();
  readonly #stored = new Set<number>();
  readonly #inFlight = new Map<number, Promise<void>>();
  readonly #options: Required<Omit<PartUrlBookOptions, "now">> & { now: () => number };

  constructor(options: PartUrlBookOptions) {
    this.#options = { expiryMarginMs: 60_000, batchSize: 100, now: Date.now, ...options };
  }

  seed(signed: SignedParts): void {
    const expiresAtMs = Date.parse(signed.expiresAt);
    for (const part of signed.parts) this.#entries.set(part.partNumber, { url: part.url, expiresAtMs });
  }

  /** Parts the bucket already holds: never worth a URL. */
  markStored(partNumbers: Iterable<number>): void {
    for (const partNumber of partNumbers) this.#stored.add(partNumber);
  }

  async urlFor(partNumber: number, signal?: AbortSignal): Promise<string> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const entry = this.#usable(partNumber);
      if (entry !== undefined) return entry.url;
      await (this.#inFlight.get(partNumber) ?? this.#fetchBatchFrom(partNumber, signal));
    }
    const entry = this.#usable(partNumber);
    if (entry === undefined) throw new Error(`The upload API gave no URL for part ${partNumber}`);
    return entry.url;
  }

  #usable(partNumber: number): Entry | undefined {
    const entry = this.#entries.get(partNumber);
    if (entry === undefined) return undefined;
    return entry.expiresAtMs - this.#options.expiryMarginMs > this.#options.now() ? entry : undefined;
  }

  #fetchBatchFrom(first: number, signal?: AbortSignal): Promise<void> {
    const batch = [first];
    for (let next = first + 1; next <= this.#options.partCount && batch.length < this.#options.batchSize; next++) {
      if (!this.#stored.has(next) && !this.#inFlight.has(next) && this.#usable(next) === undefined) batch.push(next);
    }
    const request = this.#options.sign(batch, signal).then((signed) => this.seed(signed));
    const settled = request.finally(() => {
      for (const partNumber of batch) if (this.#inFlight.get(partNumber) === settled) this.#inFlight.delete(partNumber);
    });
    for (const partNumber of batch) this.#inFlight.set(partNumber, settled);
    return settled;
  }
}
