import type { Logger } from "@aws-lambda-powertools/logger";
import {
  S3ObjectCreatedEvent,
  decideSource,
  isTerminal,
  objectKeyOf,
  uploadIdOf,
  type TriggerMediaConvertEnv,
} from "@video-platform/shared-types";
import { parseEvent } from "../core/malformed-event.js";
import { s3UrlOf, sourceJobFor, type MovieJobConfig } from "../core/movie-job.js";
import type { RawUploadBucket } from "../ports/raw-upload-bucket.js";
import type { SourceProbe } from "../ports/source-probe.js";
import type { TranscodingJobs } from "../ports/transcoding-jobs.js";
import type { UploadTable, WriteOutcome } from "../ports/upload-table.js";

export type TranscodingConfig = MovieJobConfig & Pick<TriggerMediaConvertEnv, "MAX_SOURCE_DURATION_SECONDS">;

export type TranscodingOutcome =
  | { readonly outcome: "ignored"; readonly reason: string }
  | { readonly outcome: "discarded"; readonly reason: string }
  | { readonly outcome: "refused"; readonly reason: string; readonly statusWrite: WriteOutcome }
  | { readonly outcome: "submitted"; readonly jobId: string; readonly statusWrite: WriteOutcome };

/** Why a file that arrived after its upload was deleted, aborted or expired is not transcoded. */
export const ORPHANED_FILE_REASON = "upload is unknown (deleted, aborted or expired): its file was removed";

/**
 * Starts the job for a new upload: asks what the file is, refuses what cannot be transcoded
 * (ERROR with a reason for the uploader, no job), and otherwise submits the job derived for
 * this source. The job's idempotency token makes a replayed event return the first job; an
 * upload that already has a job is not submitted again at all, since MediaConvert honours a
 * token only for a short while. A file whose upload has no record any more (the video was
 * deleted, the upload aborted, or its URLs expired unused, while the browser was still sending)
 * belongs to nobody: nobody could list, watch or delete it, so it is removed, not transcoded.
 */
export class MovieTranscoding {
  constructor(
    private readonly table: UploadTable,
    private readonly probe: SourceProbe,
    private readonly jobs: TranscodingJobs,
    private readonly rawUploads: Pick<RawUploadBucket, "deleteObject">,
    private readonly config: TranscodingConfig,
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

    const objectKey = objectKeyOf(uploadId);
    const record = await this.table.get(objectKey);
    if (record === undefined) {
      await this.rawUploads.deleteObject(object.key);
      this.logger.info("orphaned file removed", { eventId: created.id, uploadId, key: object.key });
      return { outcome: "discarded", reason: ORPHANED_FILE_REASON };
    }
    if (record.JobId !== undefined) return ignore(`upload already has job ${record.JobId}`);
    if (isTerminal(record.Status)) return ignore(`upload is already ${record.Status}`);

    const uploaded = { bucket: bucket.name, key: object.key, etag: object.etag };
    const reading = await this.probe.probe(s3UrlOf(uploaded));
    const decision = decideSource(reading, { maxDurationSeconds: this.config.MAX_SOURCE_DURATION_SECONDS });
    if (!decision.accepted) {
      const statusWrite = await this.table.applyStatusChange(objectKey, {
        status: "ERROR",
        errorMessage: decision.reason,
        sizeBytes: object.size,
      });
      const detail = reading.readable ? {} : { probe: reading.detail };
      this.logger.info("upload refused", { eventId: created.id, uploadId, reason: decision.reason, ...detail, statusWrite });
      return { outcome: "refused", reason: decision.reason, statusWrite };
    }

    const { request, summary } = sourceJobFor(uploaded, uploadId, this.config, decision.source);
    if ((await this.table.recordVideo(objectKey, summary)) === "refused") return ignore("upload finished while it was probed");
    const jobId = await this.jobs.submit(request);
    const statusWrite = await this.table.applyStatusChange(objectKey, {
      status: "TRANSCODING",
      progress: 0,
      jobId,
      sizeBytes: object.size,
    });
    const rungs = summary.renditions.map((rendition) => `${rendition.width}x${rendition.height}`);
    this.logger.info("transcoding job submitted", { eventId: created.id, uploadId, jobId, rungs, statusWrite });
    return { outcome: "submitted", jobId, statusWrite };
  }
}
