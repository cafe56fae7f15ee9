import { PRESIGNED_URL_TTL_SECONDS, isStalePending } from "@video-platform/shared-types";
import type { UploadRecord } from "./upload-record.js";

/**
 * How far back an upload that is still open can have started. The raw bucket aborts multipart
 * uploads a day after they start (a lifecycle rule S3 applies once a day), so counting open
 * uploads reads only the owner's last two days: a bounded query, however many videos they have.
 */
export const OPEN_UPLOAD_LOOKBACK_SECONDS = 2 * 24 * 60 * 60;

/** When a pending record's URLs expire; records from before this was stored count from their creation. */
export function urlsExpireAtOf(record: UploadRecord): Date {
  if (record.UrlsExpireAt !== undefined) return new Date(record.UrlsExpireAt);
  return new Date(Date.parse(record.CreatedAt) + PRESIGNED_URL_TTL_SECONDS * 1000);
}

/** A record still `PENDING_UPLOAD` whose URLs have all expired: never listed, never counted. */
export function isStaleRecord(record: UploadRecord, now: Date): boolean {
  return record.Status === "PENDING_UPLOAD" && isStalePending(urlsExpireAtOf(record), now);
}
