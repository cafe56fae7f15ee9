import { Logger } from "@aws-lambda-powertools/logger";
import { ApiErrorBody, CreateUploadRequest } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { apiHandler, httpStatusOf } from "../../src/http/api-gateway.js";
import { parseJsonBody, validateInput } from "../../src/core/request-input.js";
import {
  InvalidRequestError,
  RouteNotFoundError,
  UploadNotFoundError,
  UploadStateConflictError,
  UploadTooLargeError,
} from "../../src/core/upload-errors.js";
import { apiEvent, reply } from "../support/api-events.js";

const logger = new Logger({ serviceName: "test", logLevel: "SILENT" });

describe("httpStatusOf", () => {
  it("maps each domain error to its status code", () => {
    expect(httpStatusOf(new InvalidRequestError("x", "f"))).toBe(400);
    expect(httpStatusOf(new UploadNotFoundError("id"))).toBe(404);
    expect(httpStatusOf(new RouteNotFoundError("GET /x"))).toBe(404);
    expect(httpStatusOf(new UploadStateConflictError("x"))).toBe(409);
    expect(httpStatusOf(new UploadTooLargeError(5))).toBe(413);
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

  it("answers success as JSON", async () => {
    const handler = apiHandler(logger, { "GET /x": async () => ({ statusCode: 200, body: { ok: true } }) });
    expect(reply(await handler(apiEvent("GET /x")))).toEqual({ status: 200, body: { ok: true } });
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
