import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { S3Client } from "@aws-sdk/client-s3";
import { PRESIGNED_URL_TTL_SECONDS, STATUS_API_ROUTES, parseFunctionEnv } from "@video-platform/shared-types";
import { DynamoDbUploadTable } from "../adapters/dynamodb-upload-table.js";
import { MediaConvertJobs } from "../adapters/mediaconvert-transcoding-jobs.js";
import { S3ProcessedMedia } from "../adapters/s3-processed-media.js";
import { S3RawUploadBucket } from "../adapters/s3-raw-upload-bucket.js";
import { apiHandler, uploadIdParameter, type RoutesOf } from "../http/api-gateway.js";
import { functionLogger } from "../logging.js";
import { VideoDeletion } from "../use-cases/video-deletion.js";

const config = parseFunctionEnv("DeleteVideo", process.env);
const logger = functionLogger("DeleteVideo");
const s3 = new S3Client({});
const deletion = new VideoDeletion({
  table: new DynamoDbUploadTable(new DynamoDBClient({}), config.UPLOAD_TABLE_NAME),
  raw: new S3RawUploadBucket(s3, config.RAW_BUCKET_NAME, PRESIGNED_URL_TTL_SECONDS),
  processed: new S3ProcessedMedia(s3, config.PROCESSED_BUCKET_NAME),
  jobs: new MediaConvertJobs(new MediaConvertClient({})),
  logger,
});

const routes: RoutesOf<"DeleteVideo"> = {
  [STATUS_API_ROUTES.deleteVideo]: async (event, caller) => ({
    statusCode: 200,
    body: await deletion.delete(caller, uploadIdParameter(event)),
  }),
};

/** `MovieStatusApi`, `DELETE /api/videos/{uploadId}`: the video's files, its job and its record, gone. */
export const handler = apiHandler(logger, routes);
