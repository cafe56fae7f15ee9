import type { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import {
  callerFromClaims,
  type ApiErrorBody,
  type ApiName,
  type Caller,
  type FunctionName,
  type PLATFORM_APIS,
} from "@video-platform/shared-types";
import {
  ForbiddenError,
  InvalidRequestError,
  PlaybackUnavailableError,
  QuotaExceededError,
  RouteNotFoundError,
  UnauthenticatedError,
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
  /** `Set-Cookie` values; payload format 2.0 sends each as its own header. */
  readonly cookies?: readonly string[];
}

/**
 * An HTTP API (payload 2.0) event as it reaches a route behind the JWT authorizer. The
 * `authorizer` is optional on purpose: a route reached without it must be refused, not crash.
 */
export type ApiEvent = Omit<APIGatewayProxyEventV2WithJWTAuthorizer, "requestContext"> & {
  requestContext: Omit<APIGatewayProxyEventV2WithJWTAuthorizer["requestContext"], "authorizer"> & {
    authorizer?: { jwt?: { claims?: Record<string, string | number | boolean | string[]> } };
  };
};

/** Every route of both APIs is `signed-in`: each handler gets the caller the authorizer vouched for. */
export type RouteHandler = (event: ApiEvent, caller: Caller) => Promise<ApiReply>;
type PlatformRoute = { [A in ApiName]: (typeof PLATFORM_APIS)[A]["routes"][keyof (typeof PLATFORM_APIS)[A]["routes"]] }[ApiName];

/** The route keys the topology sends to one function: exactly what its handler must answer. */
export type RoutesOf<F extends FunctionName> = Record<Extract<PlatformRoute, { function: F }>["routeKey"], RouteHandler>;

export type ApiHandler = (event: ApiEvent, context?: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** The one place domain errors become HTTP status codes. */
export function httpStatusOf(error: UploadApiError): number {
  if (error instanceof InvalidRequestError) return 400;
  if (error instanceof UnauthenticatedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof UploadNotFoundError || error instanceof RouteNotFoundError) return 404;
  if (error instanceof UploadStateConflictError) return 409;
  if (error instanceof UploadTooLargeError) return 413;
  if (error instanceof QuotaExceededError) return 429;
  if (error instanceof PlaybackUnavailableError) return 503;
  return 400;
}

function jsonResult(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
    body: JSON.stringify(body),
  };
}

export function errorResult(error: UploadApiError): APIGatewayProxyStructuredResultV2 {
  const field = "field" in error && typeof error.field === "string" ? error.field : undefined;
  const limit = error instanceof QuotaExceededError ? error.limit : undefined;
  const body: ApiErrorBody = {
    error: { code: error.code, message: error.message, ...(field ? { field } : {}), ...(limit ? { limit } : {}) },
  };
  const headers: Record<string, string> = {};
  if (error instanceof QuotaExceededError) headers["retry-after"] = String(error.retryAfterSeconds);
  if (error instanceof UnauthenticatedError) headers["www-authenticate"] = "Bearer";
  return jsonResult(httpStatusOf(error), body, headers);
}

/** The caller the JWT authorizer vouched for; none is a 401, never a request served anonymously. */
function callerOf(event: ApiEvent): Caller {
  const caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
  if (caller === undefined) throw new UnauthenticatedError();
  return caller;
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
      const reply = await route(event, callerOf(event));
      logger.info("request answered", { routeKey: event.routeKey, statusCode: reply.statusCode });
      return { ...jsonResult(reply.statusCode, reply.body), ...(reply.cookies ? { cookies: [...reply.cookies] } : {}) };
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
export function uploadIdParameter(event: ApiEvent): string | undefined {
  return event.pathParameters?.["uploadId"];
}

/** The request's JSON body; malformed JSON is a 400. */
export function jsonBodyOf(event: ApiEvent): unknown {
  return parseJsonBody(event.body, event.isBase64Encoded);
}

/** The access token the request came with (`Authorization: Bearer ...`), which the authorizer checked. */
export function bearerTokenOf(event: ApiEvent): string | undefined {
  const header = event.headers["authorization"] ?? event.headers["Authorization"];
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}
