import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { Caller } from "@video-platform/shared-types";
import type { ApiEvent } from "../../src/http/api-gateway.js";
import { OWNER, claimsOf } from "./callers.js";

/**
 * An HTTP API (payload v2) event as API Gateway sends it for one route, behind the JWT
 * authorizer: signed in as `caller` (the owner by default), or with no claims at all when
 * `caller` is null (a route reached without the authorizer).
 */
export function apiEvent(
  routeKey: string,
  options: {
    pathParameters?: Record<string, string>;
    body?: unknown;
    rawBody?: string;
    query?: Record<string, string>;
    base64?: boolean;
    caller?: Caller | null;
    accessToken?: string;
  } = {},
): ApiEvent {
  const caller = options.caller === undefined ? OWNER : options.caller;
  const [method = "GET", pathTemplate = "/"] = routeKey.split(" ");
  const rawPath = pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => options.pathParameters?.[name] ?? "");
  const text = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return {
    version: "2.0",
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: {
      "content-type": "application/json",
      ...(caller === null ? {} : { authorization: `Bearer ${options.accessToken ?? "test-access-token"}` }),
    },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.test",
      domainPrefix: "api",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "vitest" },
      requestId: "request",
      routeKey,
      stage: "$default",
      time: "01/Jan/2025:00:00:00 +0000",
      timeEpoch: 0,
      ...(caller === null ? {} : { authorizer: { jwt: { claims: claimsOf(caller) } } }),
    },
    isBase64Encoded: options.base64 ?? false,
    ...(text === undefined ? {} : { body: options.base64 ? Buffer.from(text).toString("base64") : text }),
  };
}

/** The status code, parsed JSON body, headers and cookies of a handler's answer. */
export function reply(result: APIGatewayProxyStructuredResultV2): {
  status: number;
  body: unknown;
  headers: Record<string, string | number | boolean>;
  cookies: string[];
} {
  return {
    status: result.statusCode ?? 0,
    body: JSON.parse(result.body ?? "null") as unknown,
    headers: result.headers ?? {},
    cookies: result.cookies ?? [],
  };
}
