import type { Logger } from "@aws-lambda-powertools/logger";
import { S3ObjectCreatedEvent, isTerminal, objectKeyOf, uploadIdOf } from "@video-platform/shared-types";
import { parseEvent } from "../core/malformed-event.js";
import { movieJobRequestFor, type MovieJobConfig } from "../core/movie-job.js";
import type { UploadTable, WriteOutcome } from "../ports/upload-table.js";
import type { TranscodingJobs } from "../ports/transcoding-jobs.js";

export type TranscodingOutcome =
  | { readonly outcome: "ignored"; readonly reason: string }
  | { readonly outcome: "submitted"; readonly jobId: string; readonly statusWrite: WriteOutcome };

/**
 * Starts the `MovieHLS` job for a new upload. The job's idempotency token makes a replayed event
 * return the first job; an upload that already has a job is not submitted again at all, since
 * MediaConvert honours a token only for a short while.
 */
export class MovieTranscoding {
  constructor(
    private readonly table: UploadTable,
    private readonly jobs: TranscodingJobs,
    private readonly config: MovieJobConfig,
    private readonly logger: Logger,
  ) {}

  async start(event: unknown): Promise<TranscodingOutcome> {
    const created = parseEvent(S3ObjectCreatedEvent, event, "S3 Object Created");
    const { bucket, object } = created.detail;
    const uploadId = uploadIdOf(object.key);
    const ignore = (reason: string): TranscodingOutcome => {
      this.logger.info("event ignored", { eventId: created.id, ...(uploadId ? { uploadId } : {}), reason });
      return { outcome: "ignored", reason };
    };
    if (uploadId === undefined) return ignore("object key is not an upload key");

    const record = await this.table.get(objectKeyOf(uploadId));
    if (record === undefined) return ignore("upload is unknown");
    if (record.JobId !== undefined) return ignore(`upload already has job ${record.JobId}`);
    if (isTerminal(record.Status)) return ignore(`upload is already ${record.Status}`);

    const jobId = await this.jobs.submit(
      movieJobRequestFor({ bucket: bucket.name, key: object.key, etag: object.etag }, uploadId, this.config),
    );
    const statusWrite = await this.table.applyStatusChange(objectKeyOf(uploadId), {
      status: "TRANSCODING",
      progress: 0,
      jobId,
      sizeBytes: object.size,
    });
    this.logger.info("transcoding job submitted", { eventId: created.id, uploadId, jobId, statusWrite });
    return { outcome: "submitted", jobId, statusWrite };
  }
}
