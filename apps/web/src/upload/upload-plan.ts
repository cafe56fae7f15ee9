import { SINGLE_PUT_MAX_BYTES, partCountFor, partSizeFor } from "@video-platform/shared-types";

/** The size rules the upload API applies; the app must cut files exactly as the API expects. */
export interface UploadLimits {
  readonly singlePutMaxBytes: number;
  partSizeFor(sizeBytes: number): number;
}

export const PLATFORM_UPLOAD_LIMITS: UploadLimits = { singlePutMaxBytes: SINGLE_PUT_MAX_BYTES, partSizeFor };

/** One part of a multipart upload: bytes [start, end) of the file. */
export interface PartRange {
  readonly partNumber: number;
  readonly start: number;
  readonly end: number;
}

export type UploadPlan =
  | { readonly method: "PUT"; readonly sizeBytes: number }
  | {
      readonly method: "MULTIPART";
      readonly sizeBytes: number;
      readonly partSizeBytes: number;
      readonly parts: readonly PartRange[];
    };

export function planUpload(sizeBytes: number, limits: UploadLimits = PLATFORM_UPLOAD_LIMITS): UploadPlan {
  if (sizeBytes < limits.singlePutMaxBytes) return { method: "PUT", sizeBytes };
  const partSizeBytes = limits.partSizeFor(sizeBytes);
  return { method: "MULTIPART", sizeBytes, partSizeBytes, parts: partRanges(sizeBytes, partSizeBytes) };
}

export function partRanges(sizeBytes: number, partSizeBytes: number): PartRange[] {
  return Array.from({ length: partCountFor(sizeBytes, partSizeBytes) }, (_unused, index) => ({
    partNumber: index + 1,
    start: index * partSizeBytes,
    end: Math.min(sizeBytes, (index + 1) * partSizeBytes),
  }));
}

/**
 * The parts a resumed upload still has to send: every planned part the bucket does not hold
 * whole. A stored part of the wrong size (another cut of the file) is sent again.
 */
export function partsToSend(
  parts: readonly PartRange[],
  stored: readonly { partNumber: number; sizeBytes: number }[],
): number[] {
  const storedSize = new Map(stored.map((part) => [part.partNumber, part.sizeBytes]));
  return parts
    .filter((part) => storedSize.get(part.partNumber) !== part.end - part.start)
    .map((part) => part.partNumber);
}

/** Bytes of the plan already held by the bucket, as counted by `partsToSend`. */
export function bytesStored(
  parts: readonly PartRange[],
  stored: readonly { partNumber: number; sizeBytes: number }[],
): number {
  const missing = new Set(partsToSend(parts, stored));
  return parts.filter((part) => !missing.has(part.partNumber)).reduce((sum, part) => sum + part.end - part.start, 0);
}
