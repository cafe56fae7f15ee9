import type { Context } from "aws-lambda";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { parseFunctionEnv } from "@video-platform/shared-types";
import { DynamoDbUploadTable } from "../adapters/dynamodb-upload-table.js";
import { functionLogger } from "../logging.js";
import { UploadLifecycle, type LifecycleOutcome } from "../use-cases/upload-lifecycle.js";

const config = parseFunctionEnv("UpdateUploadStatus", process.env);
const logger = functionLogger("UpdateUploadStatus");
const lifecycle = new UploadLifecycle(new DynamoDbUploadTable(new DynamoDBClient({}), config.UPLOAD_TABLE_NAME), logger);

/** EventBridge: S3 "Object Created" and "MediaConvert Job State Change" → the upload's status. */
export async function handler(event: unknown, context?: Context): Promise<LifecycleOutcome> {
  if (context) logger.addContext(context);
  return lifecycle.record(event);
}
