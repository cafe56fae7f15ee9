import { MAX_PARTS_PER_UPLOAD, MIB, MIN_PART_BYTES, SINGLE_PUT_MAX_BYTES } from "./limits.js";

/**
 * How one file goes up: a single presigned PUT, or an S3 multipart upload in equal parts (the
 * last one holds the remainder). The upload API decides it with `uploadPlanFor` and states it in
 * its answer to `POST /api/uploads`; the browser follows that answer and never plans on its own.
 */
export type UploadPlan =
  | { readonly method: "PUT" }
  | { readonly method: "MULTIPART"; readonly partSizeBytes: number; readonly partCount: number };

/** The one decision: below SINGLE_PUT_MAX_BYTES one PUT, from it on multipart parts of `partSizeFor`. */
export function uploadPlanFor(sizeBytes: number): UploadPlan {
  if (sizeBytes < SINGLE_PUT_MAX_BYTES) return { method: "PUT" };
  const partSizeBytes = partSizeFor(sizeBytes);
  return { method: "MULTIPART", partSizeBytes, partCount: partCountFor(sizeBytes, partSizeBytes) };
}

/** Part size for a multipart upload of `sizeBytes`: whole MiB, at least MIN_PART_BYTES. */
export function partSizeFor(sizeBytes: number): number {
  const spread = Math.ceil(sizeBytes / MAX_PARTS_PER_UPLOAD / MIB) * MIB;
  return Math.max(MIN_PART_BYTES, spread);
}

export function partCountFor(sizeBytes: number, partSizeBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / partSizeBytes));
}

/** Size of one part of a file cut in `partSizeBytes`: every part is that size but the last. */
export function partSizeOf(partNumber: number, sizeBytes: number, partSizeBytes: number): number {
  const start = (partNumber - 1) * partSizeBytes;
  return Math.min(partSizeBytes, sizeBytes - start);
}
