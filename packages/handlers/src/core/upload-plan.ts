import { randomUUID } from "node:crypto";
import { extensionFor, partSizeOf, uploadPlanFor, type CreateUploadRequest, type UploadId, type UploadPlan } from "@video-platform/shared-types";
import { InvalidRequestError, UploadTooLargeError } from "./upload-errors.js";

export { partSizeOf, type UploadPlan };

/**
 * The plan for one file: refused above this environment's ceiling, else the platform's one
 * decision (`uploadPlanFor`), which the web app follows from our answer.
 */
export function planUpload(request: CreateUploadRequest, maxUploadBytes: number): UploadPlan {
  if (request.sizeBytes > maxUploadBytes) throw new UploadTooLargeError(maxUploadBytes);
  return uploadPlanFor(request.sizeBytes);
}

/** A fresh upload id: ours, unguessable, and never derived from the name the user typed. */
export function newUploadId(request: Pick<CreateUploadRequest, "fileName" | "contentType">, uuid = randomUUID()): UploadId {
  return `${uuid}.${extensionFor(request.fileName, request.contentType)}`;
}

/** Refuses part numbers the upload does not have (S3 would accept up to 10,000, we planned fewer). */
export function assertPartsInPlan(partNumbers: readonly number[], partCount: number, field: string): void {
  const outside = partNumbers.find((partNumber) => partNumber > partCount);
  if (outside !== undefined) {
    throw new InvalidRequestError(`${field} has part ${outside}, but this upload has ${partCount} parts`, field);
  }
}
