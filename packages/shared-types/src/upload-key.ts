import * as z from "zod";
import { PLATFORM_BUCKETS } from "./topology/storage.js";

/**
 * An upload is named by an id of our making, never by what the user typed: a UUID plus the
 * lower-cased extension of the original file (MediaConvert and players like a real extension).
 * The S3 object key, which is also the status table's partition key `FileName`, is
 * `uploads/<uploadId>`.
 */
export const UPLOAD_KEY_PREFIX = PLATFORM_BUCKETS.raw.prefix;

export const UploadId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]{1,8}$/, "must be an upload id");
export type UploadId = z.infer<typeof UploadId>;

export function objectKeyOf(uploadId: UploadId): string {
  return `${UPLOAD_KEY_PREFIX}${uploadId}`;
}

/** The upload id of an object key, or undefined when the key is not one of ours. */
export function uploadIdOf(objectKey: string): UploadId | undefined {
  if (!objectKey.startsWith(UPLOAD_KEY_PREFIX)) return undefined;
  const parsed = UploadId.safeParse(objectKey.slice(UPLOAD_KEY_PREFIX.length));
  return parsed.success ? parsed.data : undefined;
}

/** Where the HLS output of one upload goes, relative to the processed bucket (and to the CDN). */
export const VOD_OUTPUT_PREFIX = PLATFORM_BUCKETS.processed.prefix;

export function outputPrefixOf(uploadId: UploadId): string {
  return `${VOD_OUTPUT_PREFIX}${uploadId.replace(/\.[a-z0-9]+$/, "")}/`;
}
