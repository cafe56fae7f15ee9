import { Logger } from "@aws-lambda-powertools/logger";
import { ApiErrorBody, CreateUploadRequest } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { apiHandler, httpStatusOf } from "../../src/http/api-gateway.js";
import { parseJsonBody, validateInput } from "../../src/core/request-input.js";
import {
  ForbiddenError,
  InvalidRequestError,
  PlaybackUnavailableError,
  QuotaExceededError,
  RouteNotFoundError,
  UnauthenticatedError,
  UploadNotFoundError,
  UploadStateConflictError,
  UploadTooLargeError,
} from "../../src/core/upload-errors.js";
import { apiEvent, reply } from "../support/api-events.js";
import { ADMIN } from "../support/callers.js";

const logger = new Logger({ serviceName: "test", logLevel: "SILENT" });

describe("httpStatusOf", () => {
  it("maps each domain error to its status code", () => {
    expect(httpStatusOf(new InvalidRequestError("x", "f"))).toBe(400);
    expect(httpStatusOf(new UploadNotFoundError("id"))).toBe(404);
    expect(httpStatusOf(new RouteNotFoundError("GET /x"))).toBe(404);
    expect(httpStatusOf(new UploadStateConflictError("x"))).toBe(409);
    expect(httpStatusOf(new UploadTooLargeError(5))).toBe(413);
    expect(httpStatusOf(new UnauthenticatedError())).toBe(401);
    expect(httpStatusOf(new ForbiddenError("x"))).toBe(403);
    expect(httpStatusOf(new QuotaExceededError("open-uploads", "x", 60))).toBe(429);
    expect(httpStatusOf(new PlaybackUnavailableError("x"))).toBe(503);
  });
});

describe("apiHandler", () => {
  it("answers a domain error with its status and an ApiErrorBody naming the field", async () => {
    const handler = apiHandler(logger, {
      "POST /x": async () => {
        throw new InvalidRequestError("fileName must not contain '..'", "fileName");
      },
    });
    const answer = reply(await handler(apiEvent("POST /x")));
    expect(answer.status).toBe(400);
    expect(ApiErrorBody.parse(answer.body).error).toEqual({
      code: "INVALID_REQUEST",
      message: "fileName must not contain '..'",
      field: "fileName",
    });
  });

  it("answers an unexpected failure with a 500 that says nothing of its cause", async () => {
    const handler = apiHandler(logger, {
      "GET /x": async () => {
        throw new Error("connection to 10.0.0.1 refused; secret=abc");
      },
    });
    const result = await handler(apiEvent("GET /x"));
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain("secret");
    expect(result.headers).toMatchObject({ "content-type": "application/json" });
  });

  it("answers success as JSON, with the cookies a route sets, never cached", async () => {
    const handler = apiHandler(logger, {
      "GET /x": async () => ({ statusCode: 200, body: { ok: true } }),
      "POST /y": async () => ({ statusCode: 200, body: {}, cookies: ["a=1; Path=/a/", "b=2; Path=/a/"] }),
    });
    expect(reply(await handler(apiEvent("GET /x")))).toMatchObject({ status: 200, body: { ok: true }, cookies: [] });
    const withCookies = reply(await handler(apiEvent("POST /y")));
    expect(withCookies.cookies).toEqual(["a=1; Path=/a/", "b=2; Path=/a/"]);
    expect(withCookies.headers["cache-control"]).toBe("no-store");
  });

  it("hands each route the caller the authorizer vouched for, and answers 401 when there is none", async () => {
    const seen: unknown[] = [];
    const handler = apiHandler(logger, {
      "GET /x": async (_event, caller) => {
        seen.push(caller);
        return { statusCode: 200, body: {} };
      },
    });
    expect(reply(await handler(apiEvent("GET /x", { caller: ADMIN }))).status).toBe(200);
    expect(seen).toEqual([ADMIN]);
    const claimSets: (Record<string, string> | undefined)[] = [undefined, {}, { sub: "" }, { username: "someone" }];
    for (const claims of claimSets) {
      const event = apiEvent("GET /x", { caller: null });
      if (claims) event.requestContext.authorizer = { jwt: { claims } };
      const answer = reply(await handler(event));
      expect(answer.status).toBe(401);
      expect(answer.headers["www-authenticate"]).toBe("Bearer");
      expect(ApiErrorBody.parse(answer.body).error.code).toBe("UNAUTHENTICATED");
    }
    expect(seen).toHaveLength(1);
  });

  it("answers a quota refusal with 429, the limit, and when to retry", async () => {
    const handler = apiHandler(logger, {
      "POST /x": async () => {
        throw new QuotaExceededError("daily-bytes", "over the daily limit of 200 GiB", 3600);
      },
    });
    const answer = reply(await handler(apiEvent("POST /x")));
    expect(answer.status).toBe(429);
    expect(answer.headers["retry-after"]).toBe("3600");
    expect(ApiErrorBody.parse(answer.body).error).toEqual({
      code: "quota_exceeded",
      message: "over the daily limit of 200 GiB",
      limit: "daily-bytes",
    });
  });
});

describe("request input", () => {
  it("names the nested field of the first problem, or the subject for the input as a whole", () => {
    expect(() => validateInput(CreateUploadRequest, { fileName: "a.mp4", contentType: "video/mp4" }, "body")).toThrow(
      expect.objectContaining({ field: "sizeBytes" }),
    );
    expect(() => validateInput(CreateUploadRequest, "text", "body")).toThrow(expect.objectContaining({ field: "body" }));
  });

  it("reads JSON, base64 JSON, and no body at all; refuses broken JSON", () => {
    expect(parseJsonBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonBody(Buffer.from('{"a":1}').toString("base64"), true)).toEqual({ a: 1 });
    expect(parseJsonBody(undefined)).toEqual({});
    expect(() => parseJsonBody("{")).toThrow(InvalidRequestError);
  });
});
