import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { PRESIGNED_URL_TTL_SECONDS, UPLOAD_API_ROUTES, parseFunctionEnv, type UploadApiRoute } from "@video-platform/shared-types";
import { DynamoDbUploadTable } from "../adapters/dynamodb-upload-table.js";
import { S3RawUploadBucket } from "../adapters/s3-raw-upload-bucket.js";
import { apiHandler, jsonBodyOf, uploadIdParameter, type RouteHandler } from "../http/api-gateway.js";
import { functionLogger } from "../logging.js";
import { UploadRequests } from "../use-cases/upload-requests.js";

// Once per cold start: configuration (failing fast, by name) and the SDK clients.
const config = parseFunctionEnv("GeneratePresignedUrl", process.env);
const logger = functionLogger("GeneratePresignedUrl");
const uploads = new UploadRequests({
  table: new DynamoDbUploadTable(new DynamoDBClient({}), config.UPLOAD_TABLE_NAME),
  // Presigned requests carry the browser's body: no SDK-computed checksum may be signed into them.
  bucket: new S3RawUploadBucket(
    new S3Client({ requestChecksumCalculation: "WHEN_REQUIRED" }),
    config.RAW_BUCKET_NAME,
    PRESIGNED_URL_TTL_SECONDS,
  ),
  maxUploadBytes: config.MAX_UPLOAD_BYTES,
  urlTtlSeconds: PRESIGNED_URL_TTL_SECONDS,
  logger,
});

const routes: Record<UploadApiRoute, RouteHandler> = {
  [UPLOAD_API_ROUTES.createUpload]: async (event) => ({ statusCode: 201, body: await uploads.create(jsonBodyOf(event)) }),
  [UPLOAD_API_ROUTES.listStoredParts]: async (event) => ({
    statusCode: 200,
    body: await uploads.listStoredParts(uploadIdParameter(event)),
  }),
  [UPLOAD_API_ROUTES.signParts]: async (event) => ({
    statusCode: 200,
    body: await uploads.signParts(uploadIdParameter(event), jsonBodyOf(event)),
  }),
  [UPLOAD_API_ROUTES.completeUpload]: async (event) => ({
    statusCode: 200,
    body: await uploads.complete(uploadIdParameter(event), jsonBodyOf(event)),
  }),
  [UPLOAD_API_ROUTES.abortUpload]: async (event) => ({ statusCode: 200, body: await uploads.abort(uploadIdParameter(event)) }),
};

/** `MovieUploadApi`: create an upload, and see a multipart upload through. */
export const handler = apiHandler(logger, routes);
