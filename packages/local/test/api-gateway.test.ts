import { STATUS_API_ROUTES, UPLOAD_API_ROUTES } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { isTextMediaType, matchRoute, toApiGatewayEvent } from "../src/api/api-gateway-event.js";
import { toHttpReply } from "../src/api/api-gateway-result.js";
import { corsHeaders, preflightHeaders, type CorsPolicy } from "../src/api/cors-policy.js";

const uploadRoutes = Object.values(UPLOAD_API_ROUTES);
const statusRoutes = Object.values(STATUS_API_ROUTES);

describe("matchRoute", () => {
  it("matches the route keys of both APIs and extracts path parameters", () => {
    expect(matchRoute("POST", "/api/uploads", uploadRoutes)).toEqual({ routeKey: "POST /api/uploads", pathParameters: {} });
    expect(matchRoute("GET", "/api/uploads/abc.mp4/parts", uploadRoutes)).toEqual({
      routeKey: "GET /api/uploads/{uploadId}/parts",
      pathParameters: { uploadId: "abc.mp4" },
    });
    expect(matchRoute("DELETE", "/api/uploads/a%20b", uploadRoutes)?.pathParameters).toEqual({ uploadId: "a b" });
    expect(matchRoute("get", "/api/status", statusRoutes)?.routeKey).toBe("GET /api/status");
    expect(matchRoute("GET", "/api/status/x", statusRoutes)?.routeKey).toBe("GET /api/status/{uploadId}");
  });

  it("matches nothing for another method, path or depth", () => {
    expect(matchRoute("PUT", "/api/uploads", uploadRoutes)).toBeUndefined();
    expect(matchRoute("GET", "/api/uploads/a/b/parts", uploadRoutes)).toBeUndefined();
    expect(matchRoute("GET", "/api/status/a/b", statusRoutes)).toBeUndefined();
  });
});

describe("toApiGatewayEvent", () => {
  const request = {
    method: "POST",
    url: "/uploads/abc.mp4/parts?x=1&x=2&y=%20z",
    headers: { "Content-Type": "application/json", Cookie: "a=1; b=2", Accept: ["a", "b"], Host: "127.0.0.1:9" },
    body: Buffer.from('{"partNumbers":[1]}'),
    sourceIp: "127.0.0.1",
    domainName: "127.0.0.1:9",
    apiId: "MovieUploadApi",
  };
  const route = { routeKey: "POST /uploads/{uploadId}/parts", pathParameters: { uploadId: "abc.mp4" } };

  it("builds the payload format 2.0 event API Gateway sends", () => {
    const now = new Date("2025-02-03T04:05:06Z");
    const event = toApiGatewayEvent(request, route, { now });
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "POST /uploads/{uploadId}/parts",
      rawPath: "/uploads/abc.mp4/parts",
      rawQueryString: "x=1&x=2&y=%20z",
      cookies: ["a=1", "b=2"],
      headers: { "content-type": "application/json", accept: "a,b", host: "127.0.0.1:9" },
      queryStringParameters: { x: "1,2", y: " z" },
      pathParameters: { uploadId: "abc.mp4" },
      body: '{"partNumbers":[1]}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: "POST", path: "/uploads/abc.mp4/parts", protocol: "HTTP/1.1", sourceIp: "127.0.0.1" },
        routeKey: "POST /uploads/{uploadId}/parts",
        stage: "$default",
        timeEpoch: now.getTime(),
      },
    });
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.requestContext).not.toHaveProperty("authorizer");
  });

  it("carries the caller's claims as the JWT authorizer hands them on, on routes behind it", () => {
    const claims = { sub: "0f8f-user", "cognito:groups": "[admin]", token_use: "access" };
    const event = toApiGatewayEvent(request, route, { jwtClaims: claims });
    expect(event.requestContext).toMatchObject({ authorizer: { jwt: { claims, scopes: null } } });
  });

  it("base64-encodes binary bodies and omits what the request lacks", () => {
    const binary = toApiGatewayEvent({ ...request, headers: { "content-type": "application/octet-stream" }, url: "/uploads" }, route);
    expect(binary.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body ?? "", "base64").toString()).toBe('{"partNumbers":[1]}');
    expect(binary.queryStringParameters).toBeUndefined();
    const empty = toApiGatewayEvent({ ...request, body: Buffer.alloc(0) }, { routeKey: "GET /status", pathParameters: {} });
    expect(empty.body).toBeUndefined();
    expect(empty.pathParameters).toBeUndefined();
    expect(isTextMediaType("application/problem+json; charset=utf-8")).toBe(true);
    expect(isTextMediaType("video/mp4")).toBe(false);
  });
});

describe("toHttpReply", () => {
  it("takes a structured result as it is", () => {
    const reply = toHttpReply({ statusCode: 400, headers: { "Content-Type": "application/json" }, body: '{"a":1}', cookies: ["c=1"] });
    expect(reply).toEqual({
      statusCode: 400,
      headers: { "content-type": "application/json", "set-cookie": ["c=1"] },
      body: Buffer.from('{"a":1}'),
    });
    expect(toHttpReply({ statusCode: 200, body: Buffer.from("bin").toString("base64"), isBase64Encoded: true }).body.toString()).toBe("bin");
  });

  it("sends any other result as 200 JSON, as format 2.0 infers", () => {
    expect(toHttpReply({ items: [] })).toEqual({
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: Buffer.from('{"items":[]}'),
    });
  });
});

describe("CORS", () => {
  const policy: CorsPolicy = { allowOrigins: ["http://web"], allowMethods: ["GET", "POST"], allowHeaders: ["content-type"], maxAgeSeconds: 60 };

  it("allows the web origin only, and only the API's methods", () => {
    expect(corsHeaders(policy, "http://web")).toEqual({ "access-control-allow-origin": "http://web", vary: "Origin" });
    expect(corsHeaders(policy, "http://other")).toEqual({});
    expect(preflightHeaders(policy, "http://web", "post")).toMatchObject({
      "access-control-allow-methods": "GET,POST",
      "access-control-allow-headers": "content-type",
      "access-control-max-age": "60",
    });
    expect(preflightHeaders(policy, "http://web", "DELETE")).toEqual({});
    expect(preflightHeaders(policy, "http://other", "GET")).toEqual({});
  });
});
