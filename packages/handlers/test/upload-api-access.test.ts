import { randomUUID } from "node:crypto";
import {
  ApiErrorBody,
  MIB,
  MultipartUpload,
  SINGLE_PUT_MAX_BYTES,
  UPLOAD_API_ROUTES,
  objectKeyOf,
  type Caller,
} from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { handler as Handler } from "../src/functions/generate-presigned-url.js";
import { DynamoDbUploadTable } from "../src/adapters/dynamodb-upload-table.js";
import { apiEvent, reply } from "./support/api-events.js";
import { startHandlerEnvironment, TEST_TABLE, type HandlerTestEnvironment } from "./support/aws-environment.js";
import { ADMIN, OTHER_USER } from "./support/callers.js";
import { signedInCognitoUser } from "./support/cognito-user.js";

/** `MovieUploadApi` as an attacker tries it: every route, as someone else, anonymously, malformed; and the per-user quota. */
const QUOTA = { open: 3, bytesPerDay: 250 * MIB };

let environment: HandlerTestEnvironment;
let handler: typeof Handler;
let table: DynamoDbUploadTable;

beforeAll(async () => {
  environment = await startHandlerEnvironment({
    MAX_UPLOAD_BYTES: String(200 * MIB),
    MAX_OPEN_UPLOADS_PER_USER: String(QUOTA.open),
    MAX_UPLOAD_BYTES_PER_USER_PER_DAY: String(QUOTA.bytesPerDay),
  });
  vi.resetModules();
  ({ handler } = await import("../src/functions/generate-presigned-url.js"));
  table = new DynamoDbUploadTable(environment.dynamodb, TEST_TABLE);
});

afterAll(async () => {
  await environment?.stop();
});

type CallOptions = Parameters<typeof apiEvent>[1];
const call = async (routeKey: string, options: CallOptions = {}) => reply(await handler(apiEvent(routeKey, options)));
const someone = (): Caller => ({ sub: randomUUID(), isAdmin: false });
const small = { fileName: "clip.mp4", contentType: "video/mp4", sizeBytes: 1000 };
const large = { fileName: "film.mkv", contentType: "video/x-matroska", sizeBytes: SINGLE_PUT_MAX_BYTES + 2 * MIB };

async function multipartOf(caller: Caller): Promise<MultipartUpload> {
  const created = await call(UPLOAD_API_ROUTES.createUpload, { body: large, caller });
  expect(created.status).toBe(201);
  return MultipartUpload.parse(created.body);
}

/** Every route that names an upload, with a well-formed request for it and a malformed one. */
const uploadRoutes = [
  { route: UPLOAD_API_ROUTES.listStoredParts, body: undefined, malformed: { pathParameters: { uploadId: "movie.mkv" } } },
  { route: UPLOAD_API_ROUTES.signParts, body: { partNumbers: [1] }, malformed: { body: { partNumbers: [] } } },
  { route: UPLOAD_API_ROUTES.completeUpload, body: { parts: [{ partNumber: 1, etag: '"x"' }] }, malformed: { rawBody: "{" } },
  { route: UPLOAD_API_ROUTES.abortUpload, body: undefined, malformed: { pathParameters: { uploadId: "../x" } } },
] as const;

describe("every upload route", () => {
  it.each(uploadRoutes)("$route: someone else gets 404 exactly as for a missing upload, and the upload is untouched", async ({ route, body }) => {
    const owner = someone();
    const upload = await multipartOf(owner);
    const missing = `${randomUUID()}.mkv`;
    const refused = await call(route, { pathParameters: { uploadId: upload.uploadId }, body, caller: OTHER_USER });
    const unknown = await call(route, { pathParameters: { uploadId: missing }, body, caller: OTHER_USER });
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body).replace(upload.uploadId, "<id>")).toBe(JSON.stringify(unknown.body).replace(missing, "<id>"));
    expect(await table.get(objectKeyOf(upload.uploadId))).toMatchObject({ Status: "PENDING_UPLOAD", OwnerId: owner.sub });
  });

  it.each([{ route: UPLOAD_API_ROUTES.createUpload, body: small }, ...uploadRoutes])(
    "$route: an anonymous call (no authorizer claims) gets 401 and changes nothing",
    async ({ route, body }) => {
      const upload = await multipartOf(someone());
      const answer = await call(route, { pathParameters: { uploadId: upload.uploadId }, body, caller: null });
      expect(answer.status).toBe(401);
      expect(ApiErrorBody.parse(answer.body).error.code).toBe("UNAUTHENTICATED");
      expect(await table.get(objectKeyOf(upload.uploadId))).toMatchObject({ Status: "PENDING_UPLOAD" });
    },
  );

  it.each([{ route: UPLOAD_API_ROUTES.createUpload, malformed: { body: { ...small, sizeBytes: -1 } } }, ...uploadRoutes])(
    "$route: a malformed request from the owner gets 400",
    async ({ route, malformed }) => {
      const owner = someone();
      const upload = await multipartOf(owner);
      const answer = await call(route, { pathParameters: { uploadId: upload.uploadId }, caller: owner, ...malformed });
      expect(answer.status).toBe(400);
      expect(ApiErrorBody.parse(answer.body).error.code).toBe("INVALID_REQUEST");
    },
  );

  it("lets the owner and an admin list and sign parts, and abort; an admin completes someone's upload", async () => {
    for (const asAdmin of [false, true]) {
      const owner = someone();
      const caller = asAdmin ? ADMIN : owner;
      const upload = await multipartOf(owner);
      const id = { uploadId: upload.uploadId };
      expect((await call(UPLOAD_API_ROUTES.listStoredParts, { pathParameters: id, caller })).status).toBe(200);
      expect((await call(UPLOAD_API_ROUTES.signParts, { pathParameters: id, body: { partNumbers: [2] }, caller })).status).toBe(200);
      expect((await call(UPLOAD_API_ROUTES.abortUpload, { pathParameters: id, caller })).body).toEqual({ uploadId: upload.uploadId, aborted: true });
    }
    const owner = someone();
    const upload = await multipartOf(owner);
    const parts = [];
    for (const part of upload.parts) {
      const length = Math.min(upload.partSizeBytes, large.sizeBytes - (part.partNumber - 1) * upload.partSizeBytes);
      const sent = await fetch(part.url, { method: "PUT", headers: { "content-type": "application/octet-stream" }, body: Buffer.alloc(length) });
      parts.push({ partNumber: part.partNumber, etag: sent.headers.get("etag") ?? "" });
    }
    const completed = await call(UPLOAD_API_ROUTES.completeUpload, { pathParameters: { uploadId: upload.uploadId }, body: { parts }, caller: ADMIN });
    expect(completed).toMatchObject({ status: 200, body: { uploadId: upload.uploadId, status: "UPLOADED" } });
    expect(await table.get(objectKeyOf(upload.uploadId))).toMatchObject({ Status: "UPLOADED", OwnerId: owner.sub });
  });
});

describe("POST /api/uploads", () => {
  it("records the owner and, from Cognito with the caller's own token, their e-mail", async () => {
    const user = await signedInCognitoUser("uploader@example.com");
    const caller = { sub: user.sub, isAdmin: false };
    const created = await call(UPLOAD_API_ROUTES.createUpload, { body: small, caller, accessToken: user.accessToken });
    expect(created.status).toBe(201);
    const { uploadId } = created.body as { uploadId: string };
    expect(await table.get(objectKeyOf(uploadId))).toMatchObject({ OwnerId: user.sub, OwnerEmail: "uploader@example.com" });

    const unknownToken = await call(UPLOAD_API_ROUTES.createUpload, { body: small, caller: someone(), accessToken: "not-a-cognito-token" });
    expect(unknownToken.status).toBe(201);
    expect((await table.get(objectKeyOf((unknownToken.body as { uploadId: string }).uploadId)))?.OwnerEmail).toBeUndefined();
  });

  it("takes open uploads up to the limit, then answers 429 with the limit and Retry-After", async () => {
    const caller = someone();
    for (let n = 0; n < QUOTA.open; n++) expect((await call(UPLOAD_API_ROUTES.createUpload, { body: small, caller })).status).toBe(201);
    const refused = await call(UPLOAD_API_ROUTES.createUpload, { body: small, caller });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const error = ApiErrorBody.parse(refused.body).error;
    expect(error).toMatchObject({ code: "quota_exceeded", limit: "open-uploads" });
    expect(error.message).toMatch(new RegExp(`${QUOTA.open} unfinished uploads`));
  });

  it("takes bytes up to exactly the daily limit, then answers 429 until midnight UTC, even to concurrent creates", async () => {
    const caller = someone();
    const quarter = { ...large, sizeBytes: QUOTA.bytesPerDay / 2 };
    // Four creates of half the limit each, at once: exactly two fit.
    const answers = await Promise.all(Array.from({ length: 4 }, () => call(UPLOAD_API_ROUTES.createUpload, { body: quarter, caller })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 429, 429]);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(ApiErrorBody.parse(refused.body).error).toMatchObject({ code: "quota_exceeded", limit: "daily-bytes" });
    const midnight = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1);
    expect(Math.abs(Number(refused.headers["retry-after"]) - (midnight - Date.now()) / 1000)).toBeLessThan(60);
    expect((await call(UPLOAD_API_ROUTES.createUpload, { body: { ...small, sizeBytes: 1 }, caller })).status).toBe(429);
  });
});
