/**
 * An upload record waits in `PENDING_UPLOAD` only as long as its presigned URLs can still be
 * used (re-signing parts extends it). Once they have expired it is stale: lists never show it as
 * waiting, it no longer counts against the owner's open uploads, and DynamoDB's time to live
 * removes it a margin later (TTL deletes within days, not on the second; the margin keeps a
 * record an in-flight completion still needs).
 */
export const PENDING_RECORD_MARGIN_SECONDS = 24 * 60 * 60;

/** The epoch second at which DynamoDB may delete a pending record whose URLs expire at `urlsExpireAt`. */
export function pendingRecordExpiry(urlsExpireAt: Date): number {
  return Math.floor(urlsExpireAt.getTime() / 1000) + PENDING_RECORD_MARGIN_SECONDS;
}

/** Whether a pending upload's URLs have all expired by `now`. */
export function isStalePending(urlsExpireAt: Date, now: Date): boolean {
  return urlsExpireAt.getTime() <= now.getTime();
}
