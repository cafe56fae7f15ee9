import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { STATUS_API_ROUTES, parseFunctionEnv, type StatusApiRoute } from "@video-platform/shared-types";
import { DynamoDbUploadTable } from "../adapters/dynamodb-upload-table.js";
import { apiHandler, uploadIdParameter, type RouteHandler } from "../http/api-gateway.js";
import { functionLogger } from "../logging.js";
import { UploadQueries } from "../use-cases/upload-queries.js";

const config = parseFunctionEnv("QueryUploadStatus", process.env);
const logger = functionLogger("QueryUploadStatus");
const queries = new UploadQueries(new DynamoDbUploadTable(new DynamoDBClient({}), config.UPLOAD_TABLE_NAME));

const routes: Record<StatusApiRoute, RouteHandler> = {
  [STATUS_API_ROUTES.getStatus]: async (event) => ({ statusCode: 200, body: await queries.status(uploadIdParameter(event)) }),
  [STATUS_API_ROUTES.listStatuses]: async (event) => ({
    statusCode: 200,
    body: await queries.list(event.queryStringParameters),
  }),
};

/** `MovieStatusApi`: one upload's status, or a page of uploads newest first. */
export const handler = apiHandler(logger, routes);
