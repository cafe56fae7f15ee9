import { createHash } from "node:crypto";
import {
  MovieHlsLadder,
  VOD_OUTPUT_PREFIX,
  objectKeyOf,
  outputPrefixOf,
  planSourceJob,
  type MovieJobMetadata,
  type SourceJobPlan,
  type TriggerMediaConvertEnv,
  type UploadId,
  type VideoSource,
  type VideoSummary,
} from "@video-platform/shared-types";

/** The uploaded object a job transcodes, as its S3 event names it. */
export interface UploadedObject {
  readonly bucket: string;
  readonly key: string;
  readonly etag: string;
}

/**
 * MediaConvert's idempotency token for one uploaded object: the same bucket, key and ETag (a
 * replayed event) give the same token, and MediaConvert returns the first job instead of a second.
 * A SHA-256 in hex is exactly the 64 characters the API allows.
 */
export function jobTokenFor(object: UploadedObject): string {
  return createHash("sha256").update(JSON.stringify([object.bucket, object.key, object.etag])).digest("hex");
}

/**
 * Where the HLS output goes: `<output prefix><uuid>/`, the output prefix being the processed
 * bucket's `vod/` folder. MediaConvert names the master playlist after the input's base name
 * (`uploads/<uuid>.<ext>` → `<uuid>`), so it lands at `vod/<uuid>/<uuid>.m3u8`.
 */
export function jobDestinationFor(outputPrefix: string, uploadId: UploadId): string {
  const perUpload = outputPrefixOf(uploadId);
  const relative = perUpload.startsWith(VOD_OUTPUT_PREFIX) ? perUpload.slice(VOD_OUTPUT_PREFIX.length) : perUpload;
  return `${outputPrefix}${relative}`;
}

export type MovieJobConfig = Pick<
  TriggerMediaConvertEnv,
  "MEDIACONVERT_ROLE_ARN" | "MEDIACONVERT_OUTPUT_PREFIX" | "MEDIACONVERT_QUEUE_ARN" | "PLATFORM_ID"
>;

/**
 * One transcoding job for one uploaded movie, in the platform's words (the adapter speaks
 * MediaConvert's). It names no job template: the settings are complete, derived for this source
 * from the `MovieHLS` rungs, and MediaConvert documents a job as taking either a template or
 * its own settings, not how the two would merge (a template's audio in a video-only output).
 */
export interface MovieJobRequest {
  /** The environment's own on-demand queue, so one environment's jobs never wait behind another's. */
  readonly queue: string;
  /** The role the transcoder assumes to read the input and write the output. */
  readonly role: string;
  readonly settings: SourceJobPlan["settings"];
  readonly statusUpdateInterval: typeof MovieHlsLadder.statusUpdateInterval;
  /** Comes back on every job state change event: how those events find their upload. */
  readonly metadata: MovieJobMetadata;
  readonly idempotencyToken: string;
}

/** The job for one accepted source, and what it will make (the status API's summary). */
export function sourceJobFor(
  object: UploadedObject,
  uploadId: UploadId,
  config: MovieJobConfig,
  source: VideoSource,
): { request: MovieJobRequest; summary: VideoSummary } {
  const { settings, summary } = planSourceJob(
    uploadId,
    { fileInput: s3UrlOf(object), destination: jobDestinationFor(config.MEDIACONVERT_OUTPUT_PREFIX, uploadId) },
    source,
  );
  return {
    request: {
      queue: config.MEDIACONVERT_QUEUE_ARN,
      role: config.MEDIACONVERT_ROLE_ARN,
      settings,
      statusUpdateInterval: MovieHlsLadder.statusUpdateInterval,
      metadata: { uploadId, fileName: objectKeyOf(uploadId), platform: config.PLATFORM_ID },
      idempotencyToken: jobTokenFor(object),
    },
    summary,
  };
}

/** Where the uploaded object is, as MediaConvert reads it. */
export function s3UrlOf(object: UploadedObject): string {
  return `s3://${object.bucket}/${object.key}`;
}
