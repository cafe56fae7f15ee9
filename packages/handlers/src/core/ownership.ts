import { UploadId, mayActOn, objectKeyOf, type Caller } from "@video-platform/shared-types";
import type { UploadRecord } from "./upload-record.js";
import { validateInput } from "./request-input.js";
import { UploadNotFoundError } from "./upload-errors.js";

/** Reads one upload's record by its key; what every route that names an upload starts with. */
export type RecordReader = (objectKey: string) => Promise<UploadRecord | undefined>;

/**
 * The upload a caller names, if they may act on it. Someone else's upload is refused exactly like
 * one that does not exist (same error, same message), so its id cannot be probed for.
 */
export async function ownedUpload(
  read: RecordReader,
  caller: Caller,
  uploadIdInput: string | undefined,
): Promise<{ uploadId: UploadId; record: UploadRecord }> {
  const uploadId = validateInput(UploadId, uploadIdInput, "uploadId");
  const record = await read(objectKeyOf(uploadId));
  if (record === undefined || !mayActOn(caller, record.OwnerId)) throw new UploadNotFoundError(uploadId);
  return { uploadId, record };
}
