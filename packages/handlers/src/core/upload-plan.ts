import { randomUUID } from "node:crypto";
import {
  SINGLE_PUT_MAX_BYTES,
  extensionFor,
  partCountFor,
  partSizeFor,
  type CreateUploadRequest,
  type UploadId,
} from "@video-platform/shared-types";
import { InvalidRequestError, UploadTooLargeError } from "./upload-errors.js";

/** How one file goes up: a single presigned PUT, or an S3 multipart upload in equal parts. */
export type UploadPlan =
  | { readonly method: "PUT" }
  | { readonly method: "MULTIPART"; readonly partSizeBytes: number; readonly partCount: number };

export function planUpload(request: CreateUploadRequest, maxUploadBytes: number): UploadPlan {
  if (request.sizeBytes > maxUploadBytes) throw new UploadTooLargeError(maxUploadBytes);
  if (request.sizeBytes < SINGLE_PUT_MAX_BYTES) return { method: "PUT" };
  const partSizeBytes = partSizeFor(request.sizeBytes);
  return { method: "MULTIPART", partSizeBytes, partCount: partCountFor(request.sizeBytes, partSizeBytes) };
}

/** A fresh upload id: ours, unguessable, and never derived from the name the user typed. */
export function newUploadId(request: Pick<CreateUploadRequest, "fileName" | "contentType">, uuid = randomUUID()): UploadId {
  return `${uuid}.${extensionFor(request.fileName, request.contentType)}`;
}

/** Size of one part: every part is `partSizeBytes` but the last, which holds the remainder. */
export function partSizeOf(partNumber: number, sizeBytes: number, partSizeBytes: number): number {
  const start = (partNumber - 1) * partSizeBytes;
  return Math.min(partSizeBytes, sizeBytes - start);
}

/** Refuses part numbers the upload does not have (S3 would accept up to 10,000, we planned fewer). */
export function assertPartsInPlan(partNumbers: readonly number[], partCount: number, field: string): void {
  const outside = partNumbers.find((partNumber) => partNumber > partCount);
  if (outside !== undefined) {
    throw new InvalidRequestError(`${field} has part ${outside}, but this upload has ${partCount} parts`, field);
  }
}
