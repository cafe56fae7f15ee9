import type { Logger } from "@aws-lambda-powertools/logger";
import { isTerminal, outputPrefixOf, type Caller, type DeleteVideoResponse } from "@video-platform/shared-types";
import { ownedUpload } from "../core/ownership.js";
import { pendingMultipartOf } from "../core/upload-record.js";
import type { ProcessedMedia } from "../ports/processed-media.js";
import type { RawUploadBucket } from "../ports/raw-upload-bucket.js";
import type { TranscodingJobs } from "../ports/transcoding-jobs.js";
import type { UploadTable } from "../ports/upload-table.js";

export interface VideoDeletionDeps {
  readonly table: UploadTable;
  readonly raw: RawUploadBucket;
  readonly processed: ProcessedMedia;
  readonly jobs: TranscodingJobs;
  readonly logger: Logger;
}

/**
 * `DELETE /api/videos/{uploadId}`: everything the platform holds of one video goes. The record
 * goes last, so a deletion that fails half-way can simply be asked for again; and since status
 * writes never create a record, the job's late events change nothing once it is gone.
 */
export class VideoDeletion {
  constructor(private readonly deps: VideoDeletionDeps) {}

  async delete(caller: Caller, uploadIdInput: string | undefined): Promise<DeleteVideoResponse> {
    const { table, raw, processed, jobs, logger } = this.deps;
    const { uploadId, record } = await ownedUpload((key) => table.get(key), caller, uploadIdInput);

    // A job still running would write output after we cleaned up, and bill for it.
    const job =
      record.JobId !== undefined && !isTerminal(record.Status) ? await jobs.cancel(record.JobId) : ("none" as const);
    const multipart = pendingMultipartOf(record);
    if (multipart) await raw.abortMultipart(record.FileName, multipart.multipartUploadId);
    await raw.deleteObject(record.FileName);
    const processedObjects = await processed.deleteUnder(outputPrefixOf(uploadId));
    // Refused only when a concurrent deletion got there first: the video is gone either way.
    const recordDelete = await table.delete(record.FileName);

    logger.info("video deleted", {
      uploadId,
      byOwner: record.OwnerId === caller.sub,
      status: record.Status,
      job,
      processedObjects,
      recordDelete,
    });
    return { uploadId, deleted: true };
  }
}
