import type { Context } from "aws-lambda";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { S3Client } from "@aws-sdk/client-s3";
import { PRESIGNED_URL_TTL_SECONDS, parseFunctionEnv } from "@video-platform/shared-types";
import { DynamoDbUploadTable } from "../adapters/dynamodb-upload-table.js";
import { MediaConvertSourceProbe } from "../adapters/mediaconvert-source-probe.js";
import { MediaConvertJobs } from "../adapters/mediaconvert-transcoding-jobs.js";
import { S3RawUploadBucket } from "../adapters/s3-raw-upload-bucket.js";
import { functionLogger } from "../logging.js";
import { MovieTranscoding, type TranscodingOutcome } from "../use-cases/movie-transcoding.js";

const config = parseFunctionEnv("TriggerMediaConvert", process.env);
const logger = functionLogger("TriggerMediaConvert");
const mediaconvert = new MediaConvertClient({});
const transcoding = new MovieTranscoding(
  new DynamoDbUploadTable(new DynamoDBClient({}), config.UPLOAD_TABLE_NAME),
  new MediaConvertSourceProbe(mediaconvert),
  new MediaConvertJobs(mediaconvert),
  new S3RawUploadBucket(new S3Client({}), config.RAW_BUCKET_NAME, PRESIGNED_URL_TTL_SECONDS),
  config,
  logger,
);

/**
 * EventBridge: S3 "Object Created" on the raw bucket → Probe, then either ERROR with the reason
 * (no job) or the job derived for this source and `TRANSCODING`; a file whose upload has no
 * record any more is removed.
 */
export async function handler(event: unknown, context?: Context): Promise<TranscodingOutcome> {
  if (context) logger.addContext(context);
  return transcoding.start(event);
}
