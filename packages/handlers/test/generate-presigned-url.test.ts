import { GetObjectCommand, HeadObjectCommand, ListPartsCommand, NoSuchUpload } from "@aws-sdk/client-s3";
import {
  AbortUploadResponse,
  ApiErrorBody,
  CompleteUploadResponse,
  CreateUploadResponse,
  MIB,
  MultipartUpload,
  PRESIGNED_URL_TTL_SECONDS,
  SINGLE_PUT_MAX_BYTES,
  SignPartsResponse,
  SinglePutUpload,
  StoredPartsResponse,
  UPLOAD_API_ROUTES,
  UploadId,
  objectKeyOf,
} from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { handler as Handler } from "../src/functions/generate-presigned-url.js";
import { S3RawUploadBucket } from "../src/adapters/s3-raw-upload-bucket.js";
import { DynamoDbUploadTable } from "../src/adapters/dynamodb-upload-table.js";
import { apiEvent, reply } from "./support/api-events.js";
import { startHandlerEnvironment, TEST_RAW_BUCKET, TEST_TABLE, type HandlerTestEnvironment } from "./support/aws-environment.js";

const MAX_UPLOAD_BYTES = 200 * MIB;

let environment: HandlerTestEnvironment;
let handler: typeof Handler;
let table: DynamoDbUploadTable;

beforeAll(async () => {
  environment = await startHandlerEnvironment({ MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) });
  vi.resetModules();
  ({ handler } = await import("../src/functions/generate-presigned-url.js"));
  table = new DynamoDbUploadTable(environment.dynamodb, TEST_TABLE);
});

afterAll(async () => {
  await environment?.stop();
});

async function call(routeKey: string, options: Parameters<typeof apiEvent>[1] = {}) {
  return reply(await handler(apiEvent(routeKey, options)));
}

async function create(body: unknown) {
  return call(UPLOAD_API_ROUTES.createUpload, { body });
}

function expectRefusal(answer: { status: number; body: unknown }, status: number, field?: string) {
  expect(answer.status).toBe(status);
  const error = ApiErrorBody.parse(answer.body).error;
  if (field !== undefined) expect(error.field).toBe(field);
  return error;
}

async function createMultipart(sizeBytes: number): Promise<MultipartUpload> {
  const answer = await create({ fileName: "feature film.mkv", contentType: "video/x-matroska", sizeBytes });
  expect(answer.status).toBe(201);
  return MultipartUpload.parse(answer.body);
}

/** Sends each part as a browser would: the file's slice, with a binary content type. */
async function uploadParts(upload: MultipartUpload, sizeBytes: number, only?: readonly number[]) {
  const parts = upload.parts.filter((part) => only === undefined || only.includes(part.partNumber));
  const etags: { partNumber: number; etag: string }[] = [];
  for (const part of parts) {
    const start = (part.partNumber - 1) * upload.partSizeBytes;
    const length = Math.min(upload.partSizeBytes, sizeBytes - start);
    const response = await fetch(part.url, {
      method: "PUT",
      headers: { "content-type": "application/octet-stream" },
      body: Buffer.alloc(length, part.partNumber),
    });
    expect(response.status).toBe(200);
    etags.push({ partNumber: part.partNumber, etag: response.headers.get("etag") ?? "" });
  }
  return etags;
}

describe("POST /uploads below the multipart threshold", () => {
  it("records PENDING_UPLOAD and returns a presigned PUT that really uploads the file", async () => {
    const content = Buffer.from("not really a movie, but bytes all the same");
    const answer = await create({ fileName: "Holiday Clip.MP4", contentType: "video/mp4", sizeBytes: content.length });
    expect(answer.status).toBe(201);
    const upload = SinglePutUpload.parse(answer.body);
    expect(upload.uploadId).toMatch(/\.mp4$/);

    const url = new URL(upload.url);
    expect(url.pathname).toBe(`/${TEST_RAW_BUCKET}/${objectKeyOf(upload.uploadId)}`);
    expect(url.searchParams.get("X-Amz-SignedHeaders")?.split(";")).toEqual(
      expect.arrayContaining(["content-length", "content-type", "host"]),
    );
    expect(Number(url.searchParams.get("X-Amz-Expires"))).toBeLessThanOrEqual(PRESIGNED_URL_TTL_SECONDS);
    expect(upload.headers).toEqual({ "content-type": "video/mp4", "content-length": String(content.length) });
    const lifetime = Date.parse(upload.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(PRESIGNED_URL_TTL_SECONDS * 1000);

    const record = await table.get(objectKeyOf(upload.uploadId));
    expect(record).toMatchObject({
      Status: "PENDING_UPLOAD",
      StatusRank: 0,
      Progress: 0,
      OriginalFileName: "Holiday Clip.MP4",
      SizeBytes: content.length,
      UploadMethod: "PUT",
      ListPartition: "upload",
    });

    const { "content-length": _length, ...headers } = upload.headers;
    const put = await fetch(upload.url, { method: "PUT", headers, body: content });
    expect(put.status).toBe(200);
    const stored = await environment.s3.send(
      new GetObjectCommand({ Bucket: TEST_RAW_BUCKET, Key: objectKeyOf(upload.uploadId) }),
    );
    expect(stored.ContentType).toBe("video/mp4");
    expect(Buffer.from(await stored.Body!.transformToByteArray())).toEqual(content);
  });

  it("names every upload with a fresh id of its own, never the user's file name", async () => {
    const body = { fileName: "same.mp4", contentType: "video/mp4", sizeBytes: 10 };
    const ids = await Promise.all([create(body), create(body)].map(async (answer) => SinglePutUpload.parse((await answer).body).uploadId));
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(UploadId.safeParse(id).success && !id.includes("same")).toBe(true);
  });

  it("accepts a base64-encoded body, as API Gateway may pass it", async () => {
    const answer = await call(UPLOAD_API_ROUTES.createUpload, {
      body: { fileName: "a.webm", contentType: "video/webm", sizeBytes: 5 },
      base64: true,
    });
    expect(answer.status).toBe(201);
    expect(CreateUploadResponse.parse(answer.body).method).toBe("PUT");
  });
});

describe("POST /uploads refuses bad input with a 4xx naming the field", () => {
  it.each([
    ["a path", { fileName: "../../etc/passwd" }, "fileName"],
    ["a name of 300 bytes", { fileName: `${"é".repeat(148)}.mp4` }, "fileName"],
    ["a control character", { fileName: "a\u0007b.mp4" }, "fileName"],
    ["a missing name", { fileName: undefined }, "fileName"],
    ["a text file", { contentType: "text/plain" }, "contentType"],
    ["an empty file", { sizeBytes: 0 }, "sizeBytes"],
    ["a fractional size", { sizeBytes: 1.5 }, "sizeBytes"],
    ["a size given as text", { sizeBytes: "10" }, "sizeBytes"],
  ])("%s → 400", async (_case, override, field) => {
    const body = { fileName: "movie.mp4", contentType: "video/mp4", sizeBytes: 1000, ...override };
    expect(Buffer.byteLength(String(body.fileName))).toBeLessThanOrEqual(300);
    expectRefusal(await create(body), 400, field);
  });

  it("refuses a file above the configured maximum with 413", async () => {
    const error = expectRefusal(
      await create({ fileName: "huge.mov", contentType: "video/quicktime", sizeBytes: MAX_UPLOAD_BYTES + 1 }),
      413,
      "sizeBytes",
    );
    expect(error.code).toBe("UPLOAD_TOO_LARGE");
  });

  it("accepts a file of exactly the configured maximum", async () => {
    expect((await create({ fileName: "max.mov", contentType: "video/quicktime", sizeBytes: MAX_UPLOAD_BYTES })).status).toBe(201);
  });

  it("answers malformed JSON and a body that is no object with 400, not 500", async () => {
    expectRefusal(await call(UPLOAD_API_ROUTES.createUpload, { rawBody: "{not json" }), 400, "body");
    expectRefusal(await call(UPLOAD_API_ROUTES.createUpload, { rawBody: "[1,2]" }), 400, "body");
    expectRefusal(await call(UPLOAD_API_ROUTES.createUpload, { rawBody: "null" }), 400, "body");
  });

  it("answers an unknown route with 404", async () => {
    expect((await call("PUT /uploads")).status).toBe(404);
  });
});

describe("multipart uploads", () => {
  it("really complete from their presigned part URLs", async () => {
    const sizeBytes = SINGLE_PUT_MAX_BYTES + 3 * MIB;
    const upload = await createMultipart(sizeBytes);
    expect(upload.partSizeBytes).toBeGreaterThanOrEqual(8 * MIB);
    expect(upload.parts.map((part) => part.partNumber)).toEqual(
      Array.from({ length: Math.ceil(sizeBytes / upload.partSizeBytes) }, (_, index) => index + 1),
    );
    const signed = new URL(upload.parts[0]!.url).searchParams;
    expect(signed.get("partNumber")).toBe("1");
    expect(signed.get("uploadId")).toBe(upload.multipartUploadId);
    expect(signed.get("X-Amz-SignedHeaders")?.split(";")).toContain("content-length");
    expect(await table.get(objectKeyOf(upload.uploadId))).toMatchObject({
      UploadMethod: "MULTIPART",
      MultipartUploadId: upload.multipartUploadId,
      PartSizeBytes: upload.partSizeBytes,
      PartCount: upload.parts.length,
    });

    const etags = await uploadParts(upload, sizeBytes);
    const stored = StoredPartsResponse.parse(
      (await call(UPLOAD_API_ROUTES.listStoredParts, { pathParameters: { uploadId: upload.uploadId } })).body,
    );
    expect(stored.parts.map((part) => part.partNumber)).toEqual(etags.map((part) => part.partNumber));
    expect(stored.parts.reduce((sum, part) => sum + part.sizeBytes, 0)).toBe(sizeBytes);

    const completed = await call(UPLOAD_API_ROUTES.completeUpload, {
      pathParameters: { uploadId: upload.uploadId },
      body: { parts: [...etags].reverse() },
    });
    expect(completed.status).toBe(200);
    expect(CompleteUploadResponse.parse(completed.body)).toEqual({ uploadId: upload.uploadId, status: "UPLOADED" });
    const head = await environment.s3.send(
      new HeadObjectCommand({ Bucket: TEST_RAW_BUCKET, Key: objectKeyOf(upload.uploadId) }),
    );
    expect(head.ContentLength).toBe(sizeBytes);
    expect(head.ContentType).toBe("video/x-matroska");

    const again = expectRefusal(
      await call(UPLOAD_API_ROUTES.completeUpload, { pathParameters: { uploadId: upload.uploadId }, body: { parts: etags } }),
      409,
    );
    expect(again.code).toBe("UPLOAD_STATE_CONFLICT");
  });

  it("signs fresh URLs for parts still to send, and refuses parts the upload does not have", async () => {
    const upload = await createMultipart(SINGLE_PUT_MAX_BYTES);
    const uploadId = upload.uploadId;
    const fresh = await call(UPLOAD_API_ROUTES.signParts, { pathParameters: { uploadId }, body: { partNumbers: [3, 2, 3] } });
    expect(fresh.status).toBe(200);
    expect(SignPartsResponse.parse(fresh.body).parts.map((part) => part.partNumber)).toEqual([2, 3]);

    const beyond = upload.parts.length + 1;
    expectRefusal(
      await call(UPLOAD_API_ROUTES.signParts, { pathParameters: { uploadId }, body: { partNumbers: [1, beyond] } }),
      400,
      "partNumbers",
    );
    expectRefusal(await call(UPLOAD_API_ROUTES.signParts, { pathParameters: { uploadId }, body: { partNumbers: [] } }), 400, "partNumbers");
    expectRefusal(
      await call(UPLOAD_API_ROUTES.completeUpload, {
        pathParameters: { uploadId },
        body: { parts: [{ partNumber: beyond, etag: "x" }] },
      }),
      400,
      "parts",
    );
  });

  it("lists every stored part across pages", async () => {
    const upload = await createMultipart(SINGLE_PUT_MAX_BYTES);
    // Contiguous part numbers: moto pages sparse ones by position, not by number.
    await uploadParts(upload, SINGLE_PUT_MAX_BYTES, [1, 2, 3, 4, 5]);
    const pagedByTwo = new S3RawUploadBucket(environment.s3, TEST_RAW_BUCKET, 60, 2);
    const parts = await pagedByTwo.listParts(objectKeyOf(upload.uploadId), upload.multipartUploadId);
    expect(parts.map((part) => part.partNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(parts.every((part) => part.sizeBytes === upload.partSizeBytes && part.etag.length > 0)).toBe(true);
  });

  it("can be aborted while pending: S3 forgets the parts and the record is gone", async () => {
    const upload = await createMultipart(SINGLE_PUT_MAX_BYTES);
    await uploadParts(upload, SINGLE_PUT_MAX_BYTES, [1]);
    const aborted = await call(UPLOAD_API_ROUTES.abortUpload, { pathParameters: { uploadId: upload.uploadId } });
    expect(aborted.status).toBe(200);
    expect(AbortUploadResponse.parse(aborted.body)).toEqual({ uploadId: upload.uploadId, aborted: true });
    expect(await table.get(objectKeyOf(upload.uploadId))).toBeUndefined();
    await expect(
      environment.s3.send(
        new ListPartsCommand({ Bucket: TEST_RAW_BUCKET, Key: objectKeyOf(upload.uploadId), UploadId: upload.multipartUploadId }),
      ),
    ).rejects.toBeInstanceOf(NoSuchUpload);
    expectRefusal(await call(UPLOAD_API_ROUTES.abortUpload, { pathParameters: { uploadId: upload.uploadId } }), 404);
  });
});

describe("routes on one upload", () => {
  it("answer 400 naming uploadId for an id that is not ours", async () => {
    for (const uploadId of ["../etc", "not-an-id", "uploads%2Fx"]) {
      expectRefusal(await call(UPLOAD_API_ROUTES.abortUpload, { pathParameters: { uploadId } }), 400, "uploadId");
    }
    expectRefusal(await call(UPLOAD_API_ROUTES.listStoredParts), 400, "uploadId");
  });

  it("answer 404 for an upload nobody created", async () => {
    const uploadId = `${crypto.randomUUID()}.mp4`;
    const error = expectRefusal(await call(UPLOAD_API_ROUTES.listStoredParts, { pathParameters: { uploadId } }), 404);
    expect(error.code).toBe("UPLOAD_NOT_FOUND");
  });

  it("answer 409 when a single-PUT upload is asked for its parts or completed", async () => {
    const upload = SinglePutUpload.parse(
      (await create({ fileName: "small.mp4", contentType: "video/mp4", sizeBytes: 100 })).body,
    );
    const uploadId = upload.uploadId;
    expectRefusal(await call(UPLOAD_API_ROUTES.listStoredParts, { pathParameters: { uploadId } }), 409);
    expectRefusal(
      await call(UPLOAD_API_ROUTES.completeUpload, { pathParameters: { uploadId }, body: { parts: [{ partNumber: 1, etag: "x" }] } }),
      409,
    );
  });
});

describe("logging", () => {
  it("writes structured JSON and never a presigned URL or its signature", async () => {
    process.env["POWERTOOLS_LOG_LEVEL"] = "DEBUG";
    vi.resetModules();
    const verbose = await import("../src/functions/generate-presigned-url.js");
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      for (const sizeBytes of [1000, SINGLE_PUT_MAX_BYTES]) {
        const answer = reply(
          await verbose.handler(apiEvent(UPLOAD_API_ROUTES.createUpload, { body: { fileName: "log.mp4", contentType: "video/mp4", sizeBytes } })),
        );
        expect(answer.status).toBe(201);
      }
      await verbose.handler(apiEvent(UPLOAD_API_ROUTES.createUpload, { body: { fileName: "../x", contentType: "video/mp4", sizeBytes: 1 } }));
    } finally {
      write.mockRestore();
      process.env["POWERTOOLS_LOG_LEVEL"] = "SILENT";
    }
    const records = lines.join("").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records.every((record) => record["service"] === "generate-presigned-url" && typeof record["level"] === "string")).toBe(true);
    expect(records.map((record) => record["message"])).toEqual(expect.arrayContaining(["upload created", "request refused"]));
    const text = lines.join("");
    expect(text).not.toMatch(/X-Amz-Signature|X-Amz-Credential|https?:\/\//i);
  });
});
