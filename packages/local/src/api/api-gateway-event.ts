import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";

/** A route key such as `GET /uploads/{uploadId}/parts` that a request path matched. */
export interface MatchedRoute {
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
}

/** Matches a request against API Gateway route keys; `{name}` takes one path segment. */
export function matchRoute(method: string, path: string, routeKeys: readonly string[]): MatchedRoute | undefined {
  const segments = path.split("/").filter(Boolean);
  for (const routeKey of routeKeys) {
    const [routeMethod, template = ""] = routeKey.split(" ");
    if (routeMethod !== method.toUpperCase()) continue;
    const parts = template.split("/").filter(Boolean);
    if (parts.length !== segments.length) continue;
    const pathParameters: Record<string, string> = {};
    const matches = parts.every((part, i) => {
      const segment = segments[i] ?? "";
      const parameter = /^\{([^}+]+)\}$/.exec(part)?.[1];
      if (parameter) {
        pathParameters[parameter] = decodeURIComponent(segment);
        return segment !== "";
      }
      return part === segment;
    });
    if (matches) return { routeKey, pathParameters };
  }
  return undefined;
}

/** Media types whose body API Gateway passes as text; anything else arrives base64-encoded. */
export function isTextMediaType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return type.startsWith("text/") || /^application\/([a-z0-9.+-]*\+)?(json|xml|x-www-form-urlencoded|javascript)$/.test(type);
}

export interface IncomingRequestParts {
  readonly method: string;
  /** Path and query as the client sent them. */
  readonly url: string;
  /** Header names in any case; repeated headers as arrays. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly domainName: string;
  readonly apiId: string;
}

/** What API Gateway adds to the event besides the request itself. */
export interface ApiGatewayEventContext {
  readonly now?: Date;
  /** The claims of the caller's verified token (`apiGatewayJwtClaims`): set on routes behind the JWT authorizer. */
  readonly jwtClaims?: Readonly<Record<string, string>>;
}

/**
 * Builds the payload format 2.0 event API Gateway sends to a Lambda integration; behind a JWT
 * authorizer, `requestContext.authorizer.jwt` carries the token's claims (routes here have no
 * authorization scopes, so `scopes` is null).
 */
export function toApiGatewayEvent(
  request: IncomingRequestParts,
  route: MatchedRoute,
  context: ApiGatewayEventContext = {},
): APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer {
  const now = context.now ?? new Date();
  const url = new URL(request.url, "http://api.local");
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const values = typeof value === "string" ? [value] : [...value];
    if (lower === "cookie") cookies = values.flatMap((cookie) => cookie.split(";").map((part) => part.trim()));
    else headers[lower] = values.join(",");
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const text = isTextMediaType(headers["content-type"]);
  const hasBody = request.body.length > 0;
  return {
    version: "2.0",
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ""),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(route.pathParameters).length > 0 ? { pathParameters: route.pathParameters } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: request.apiId,
      domainName: request.domainName,
      domainPrefix: request.domainName.split(".")[0] ?? request.domainName,
      http: {
        method: request.method.toUpperCase(),
        path: url.pathname,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: "$default",
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(context.jwtClaims ? { authorizer: { jwt: { claims: { ...context.jwtClaims }, scopes: null } } } : {}),
    },
    ...(hasBody ? { body: text ? request.body.toString("utf8") : request.body.toString("base64") } : {}),
    isBase64Encoded: hasBody && !text,
  };
}
