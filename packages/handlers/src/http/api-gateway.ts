import type { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type { ApiErrorBody } from "@video-platform/shared-types";
import {
  InvalidRequestError,
  RouteNotFoundError,
  UploadApiError,
  UploadNotFoundError,
  UploadStateConflictError,
  UploadTooLargeError,
} from "../core/upload-errors.js";
import { parseJsonBody } from "../core/request-input.js";

/** A successful answer; errors travel as `UploadApiError`s and are shaped below. */
export interface ApiReply {
  readonly statusCode: number;
  readonly body: unknown;
}

export type RouteHandler = (event: APIGatewayProxyEventV2) => Promise<ApiReply>;
export type ApiHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** The one place domain errors become HTTP status codes. */
export function httpStatusOf(error: UploadApiError): number {
  if (error instanceof InvalidRequestError) return 400;
  if (error instanceof UploadNotFoundError || error instanceof RouteNotFoundError) return 404;
  if (error instanceof UploadStateConflictError) return 409;
  if (error instanceof UploadTooLargeError) return 413;
  return 400;
}

function jsonResult(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
    body: JSON.stringify(body),
  };
}

export function errorResult(error: UploadApiError): APIGatewayProxyStructuredResultV2 {
  const field = "field" in error && typeof error.field === "string" ? error.field : undefined;
  const body: ApiErrorBody = { error: { code: error.code, message: error.message, ...(field ? { field } : {}) } };
  return jsonResult(httpStatusOf(error), body);
}

/**
 * An HTTP API (payload v2) handler that dispatches on `routeKey`. Bad input ends as a 4xx with an
 * `ApiErrorBody`; only our own failures are 500s, and those say nothing of their cause.
 */
export function apiHandler(logger: Logger, routes: Readonly<Record<string, RouteHandler>>): ApiHandler {
  return async (event, context) => {
    if (context) logger.addContext(context);
    const route = routes[event.routeKey];
    try {
      if (route === undefined) throw new RouteNotFoundError(event.routeKey);
      const reply = await route(event);
      logger.info("request answered", { routeKey: event.routeKey, statusCode: reply.statusCode });
      return jsonResult(reply.statusCode, reply.body);
    } catch (error) {
      if (error instanceof UploadApiError) {
        const result = errorResult(error);
        logger.info("request refused", { routeKey: event.routeKey, statusCode: result.statusCode, reason: error.message });
        return result;
      }
      logger.error("request failed", { routeKey: event.routeKey, error: error as Error });
      const body: ApiErrorBody = { error: { code: "INTERNAL_ERROR", message: "the request could not be completed" } };
      return jsonResult(500, body);
    }
  };
}

/** The `{uploadId}` path parameter, as it arrived (validated by the use case). */
export function uploadIdParameter(event: APIGatewayProxyEventV2): string | undefined {
  return event.pathParameters?.["uploadId"];
}

/** The request's JSON body; malformed JSON is a 400. */
export function jsonBodyOf(event: APIGatewayProxyEventV2): unknown {
  return parseJsonBody(event.body, event.isBase64Encoded);
}
