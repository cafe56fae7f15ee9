/** Sizes and lifetimes the upload API promises. `upload-plan.ts` turns the sizes into one plan per file. */
export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

/** Files below this size go up in one presigned PUT; from it on, as an S3 multipart upload. */
export const SINGLE_PUT_MAX_BYTES = 100 * MIB;

/** Smallest part we hand out (S3's own minimum is 5 MiB). */
export const MIN_PART_BYTES = 8 * MIB;

/**
 * Parts are made larger for very large files so that one answer never lists more than this many
 * part URLs (an answer of 10,000 URLs would pass Lambda's 6 MB response limit).
 */
export const MAX_PARTS_PER_UPLOAD = 1000;

/** Default ceiling on one upload, overridable per environment. */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * GIB;

/** Every presigned URL expires within 15 minutes. */
export const PRESIGNED_URL_TTL_SECONDS = 15 * 60;

/** Longest file name accepted, in UTF-8 bytes (most file systems' limit). */
export const MAX_FILE_NAME_BYTES = 255;
