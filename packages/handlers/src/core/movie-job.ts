import { createHash } from "node:crypto";
import type { CreateJobCommandInput } from "@aws-sdk/client-mediaconvert";
import {
  MovieHlsLadder,
  VOD_OUTPUT_PREFIX,
  buildMovieHlsJobSettings,
  objectKeyOf,
  outputPrefixOf,
  type MovieJobMetadata,
  type TriggerMediaConvertEnv,
  type UploadId,
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
  "MEDIACONVERT_JOB_TEMPLATE" | "MEDIACONVERT_ROLE_ARN" | "MEDIACONVERT_OUTPUT_PREFIX" | "MEDIACONVERT_QUEUE_ARN" | "PLATFORM_ID"
>;

/** The `CreateJob` request for one uploaded movie, from the `MovieHLS` template. */
export function movieJobRequestFor(object: UploadedObject, uploadId: UploadId, config: MovieJobConfig): CreateJobCommandInput {
  const userMetadata: MovieJobMetadata = {
    uploadId,
    fileName: objectKeyOf(uploadId),
    platform: config.PLATFORM_ID,
  };
  return {
    JobTemplate: config.MEDIACONVERT_JOB_TEMPLATE,
    Queue: config.MEDIACONVERT_QUEUE_ARN,
    Role: config.MEDIACONVERT_ROLE_ARN,
    Settings: buildMovieHlsJobSettings({
      fileInput: `s3://${object.bucket}/${object.key}`,
      destination: jobDestinationFor(config.MEDIACONVERT_OUTPUT_PREFIX, uploadId),
    }),
    StatusUpdateInterval: MovieHlsLadder.statusUpdateInterval,
    UserMetadata: userMetadata,
    ClientRequestToken: jobTokenFor(object),
  };
}
