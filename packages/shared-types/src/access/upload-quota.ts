import { GIB } from "../api/limits.js";

/**
 * Per-user limits on uploads, set per environment: how many unfinished uploads one person may
 * have at once, and how many bytes they may start in one UTC day. They bound what one account
 * (or one stolen token) can cost: storage for parts that never complete, and transcoding minutes.
 */
export interface UploadQuota {
  readonly maxOpenUploads: number;
  readonly maxBytesPerDay: number;
}

export const DEFAULT_UPLOAD_QUOTA: UploadQuota = { maxOpenUploads: 20, maxBytesPerDay: 200 * GIB };

/** What the caller has going when they ask for one more upload. */
export interface UploadUsage {
  /** When each of their unfinished, not yet stale uploads stops being usable (its URLs expire). */
  readonly openUploadsExpireAt: readonly Date[];
  /** Bytes of the uploads they started today (UTC), this request not included. */
  readonly bytesStartedToday: number;
}

/** The two per-user limits, as a refusal names them (`ApiErrorBody.error.limit`). */
export const QUOTA_LIMITS = ["open-uploads", "daily-bytes"] as const;
export type QuotaLimit = (typeof QUOTA_LIMITS)[number];

export type QuotaDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly limit: QuotaLimit;
      /** Says which limit and when it frees up, for the person who hit it. */
      readonly message: string;
      /** When to try again at the latest (`Retry-After`). */
      readonly retryAfterSeconds: number;
    };

/** The UTC day an upload counts against: `YYYY-MM-DD`. */
export function quotaDayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The next UTC midnight after `at`, when the daily byte count starts again. */
export function nextQuotaDayStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
}

function clock(at: Date): string {
  return `${at.toISOString().slice(11, 16)} UTC`;
}

/** Whole seconds from `now` until `at`, at least 1: what `Retry-After` says. */
function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}

function gib(bytes: number): string {
  const value = bytes / GIB;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} GiB`;
}

/** The quota rule: may this caller start an upload of `sizeBytes` now? */
export function decideQuota(quota: UploadQuota, usage: UploadUsage, sizeBytes: number, now: Date): QuotaDecision {
  if (usage.openUploadsExpireAt.length >= quota.maxOpenUploads) {
    const soonest = usage.openUploadsExpireAt.reduce((a, b) => (a < b ? a : b));
    return {
      allowed: false,
      limit: "open-uploads",
      message:
        `You have ${usage.openUploadsExpireAt.length} unfinished uploads, the most you may have at once ` +
        `(${quota.maxOpenUploads}). Finish or cancel one, or wait until ${clock(soonest)}, when the oldest expires.`,
      retryAfterSeconds: secondsUntil(soonest, now),
    };
  }
  if (usage.bytesStartedToday + sizeBytes > quota.maxBytesPerDay) {
    const reset = nextQuotaDayStart(now);
    return {
      allowed: false,
      limit: "daily-bytes",
      message:
        `This upload would bring what you started today to ${gib(usage.bytesStartedToday + sizeBytes)}, ` +
        `over the daily limit of ${gib(quota.maxBytesPerDay)}. The limit starts again at ${clock(reset)}.`,
      retryAfterSeconds: secondsUntil(reset, now),
    };
  }
  return { allowed: true };
}
