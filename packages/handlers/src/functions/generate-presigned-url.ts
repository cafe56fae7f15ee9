import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { PRESIGNED_URL_TTL_SECONDS, UPLOAD_API_ROUTES, parseFunctionEnv } from "@video-platform/shared-types";
import { CognitoOwnerDirectory } from "../adapters/cognito-owner-directory.js";
import { DynamoDbUploadTable } from "../adapters/dynamodb-upload-table.js";
import { DynamoDbUploadUsage } from "../adapters/dynamodb-upload-usage.js";
import { S3RawUploadBucket } from "../adapters/s3-raw-upload-bucket.js";
import { apiHandler, bearerTokenOf, jsonBodyOf, uploadIdParameter, type RoutesOf } from "../http/api-gateway.js";
import { functionLogger } from "../logging.js";
import { UploadQuotaGate } from "../use-cases/upload-quota-gate.js";
import { UploadRequests } from "../use-cases/upload-requests.js";

// Once per cold start: configuration (failing fast, by name) and the SDK clients.
const config = parseFunctionEnv("GeneratePresignedUrl", process.env);
const logger = functionLogger("GeneratePresignedUrl");
const dynamodb = new DynamoDBClient({});
const table = new DynamoDbUploadTable(dynamodb, config.UPLOAD_TABLE_NAME);
const uploads = new UploadRequests({
  table,
  // Presigned requests carry the browser's body: no SDK-computed checksum may be signed into them.
  bucket: new S3RawUploadBucket(
    new S3Client({ requestChecksumCalculation: "WHEN_REQUIRED" }),
    config.RAW_BUCKET_NAME,
    PRESIGNED_URL_TTL_SECONDS,
  ),
  quota: new UploadQuotaGate(table, new DynamoDbUploadUsage(dynamodb, config.UPLOAD_TABLE_NAME), {
    maxOpenUploads: config.MAX_OPEN_UPLOADS_PER_USER,
    maxBytesPerDay: config.MAX_UPLOAD_BYTES_PER_USER_PER_DAY,
  }),
  owners: new CognitoOwnerDirectory(new CognitoIdentityProviderClient({})),
  maxUploadBytes: config.MAX_UPLOAD_BYTES,
  urlTtlSeconds: PRESIGNED_URL_TTL_SECONDS,
  logger,
});

const routes: RoutesOf<"GeneratePresignedUrl"> = {
  [UPLOAD_API_ROUTES.createUpload]: async (event, caller) => ({
    statusCode: 201,
    body: await uploads.create(caller, jsonBodyOf(event), bearerTokenOf(event)),
  }),
  [UPLOAD_API_ROUTES.listStoredParts]: async (event, caller) => ({
    statusCode: 200,
    body: await uploads.listStoredParts(caller, uploadIdParameter(event)),
  }),
  [UPLOAD_API_ROUTES.signParts]: async (event, caller) => ({
    statusCode: 200,
    body: await uploads.signParts(caller, uploadIdParameter(event), jsonBodyOf(event)),
  }),
  [UPLOAD_API_ROUTES.completeUpload]: async (event, caller) => ({
    statusCode: 200,
    body: await uploads.complete(caller, uploadIdParameter(event), jsonBodyOf(event)),
  }),
  [UPLOAD_API_ROUTES.abortUpload]: async (event, caller) => ({ statusCode: 200, body: await uploads.abort(caller, uploadIdParameter(event)) }),
};

/** `MovieUploadApi`: create an upload, and see a multipart upload through. */
export const handler = apiHandler(logger, routes);
