import {
  ApiErrorBody,
  STATUS_API_ROUTES,
  UploadListResponse,
  UploadStatusResponse,
  objectKeyOf,
} from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { handler as Handler } from "../src/functions/query-upload-status.js";
import { DynamoDbUploadTable } from "../src/adapters/dynamodb-upload-table.js";
import { apiEvent, reply } from "./support/api-events.js";
import { startHandlerEnvironment, TEST_TABLE, type HandlerTestEnvironment } from "./support/aws-environment.js";
import { freshUploadId, recordPendingUpload } from "./support/upload-records.js";

let environment: HandlerTestEnvironment;
let handler: typeof Handler;
let table: DynamoDbUploadTable;
const newestFirst: string[] = [];

beforeAll(async () => {
  environment = await startHandlerEnvironment();
  vi.resetModules();
  ({ handler } = await import("../src/functions/query-upload-status.js"));
  table = new DynamoDbUploadTable(environment.dynamodb, TEST_TABLE);
  // Seven uploads a second apart, recorded out of order, recently enough that their URLs still work.
  const base = Math.floor(Date.now() / 1000) * 1000 - 60_000;
  const minutes = [3, 0, 6, 1, 5, 2, 4];
  const ids = new Map<number, string>();
  for (const minute of minutes) {
    const { uploadId } = await recordPendingUpload(table, { now: new Date(base + minute * 1000), fileName: `m${minute}.mp4` });
    ids.set(minute, uploadId);
  }
  newestFirst.push(...[6, 5, 4, 3, 2, 1, 0].map((minute) => ids.get(minute)!));
});

afterAll(async () => {
  await environment?.stop();
});

async function call(routeKey: string, options: Parameters<typeof apiEvent>[1] = {}) {
  return reply(await handler(apiEvent(routeKey, options)));
}

function expectRefusal(answer: { status: number; body: unknown }, status: number, field?: string) {
  expect(answer.status).toBe(status);
  const error = ApiErrorBody.parse(answer.body).error;
  expect(error.field).toBe(field);
}

describe("GET /status/{uploadId}", () => {
  it("answers everything known of one upload", async () => {
    const uploadId = newestFirst[0]!;
    await table.applyStatusChange(objectKeyOf(uploadId), { status: "TRANSCODING", progress: 42, jobId: "job-42" });
    const answer = await call(STATUS_API_ROUTES.getStatus, { pathParameters: { uploadId } });
    expect(answer.status).toBe(200);
    expect(UploadStatusResponse.parse(answer.body)).toMatchObject({
      uploadId,
      fileName: objectKeyOf(uploadId),
      originalFileName: "m6.mp4",
      status: "TRANSCODING",
      progress: 42,
      jobId: "job-42",
      uploadMethod: "PUT",
      createdAt: new Date(Date.parse(answer.body && (answer.body as { createdAt: string }).createdAt)).toISOString(),
    });
  });

  it("answers 404 for an unknown upload and 400 for an id that is not one", async () => {
    expectRefusal(await call(STATUS_API_ROUTES.getStatus, { pathParameters: { uploadId: freshUploadId() } }), 404);
    expectRefusal(await call(STATUS_API_ROUTES.getStatus, { pathParameters: { uploadId: "movie.mp4" } }), 400, "uploadId");
    expectRefusal(await call(STATUS_API_ROUTES.getStatus, { pathParameters: { uploadId: "../../etc/passwd" } }), 400, "uploadId");
  });
});

describe("GET /status", () => {
  it("pages through every upload newest first, with an opaque token", async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const answer = await call(STATUS_API_ROUTES.listStatuses, {
        query: { limit: "3", ...(pageToken === undefined ? {} : { pageToken }) },
      });
      expect(answer.status).toBe(200);
      const page = UploadListResponse.parse(answer.body);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.uploadId));
      pageToken = page.nextPageToken;
      if (pageToken !== undefined) expect(pageToken).toMatch(/^[A-Za-z0-9_-]+$/);
      pages += 1;
    } while (pageToken !== undefined && pages < 10);
    expect(seen).toEqual(newestFirst);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("uses a default page size when no limit is given", async () => {
    const answer = await call(STATUS_API_ROUTES.listStatuses);
    expect(UploadListResponse.parse(answer.body).items.map((item) => item.uploadId)).toEqual(newestFirst);
  });

  it.each([
    ["not base64url", "%%%"],
    ["base64url of no JSON", Buffer.from("hello").toString("base64url")],
    ["a forged position", Buffer.from(JSON.stringify({ FileName: "../x", ListPartition: "upload", CreatedAt: "now" })).toString("base64url")],
    ["a position with extra keys", Buffer.from(JSON.stringify({ FileName: "uploads/x", ListPartition: "upload", CreatedAt: "2025-01-01T00:00:00.000Z", Admin: true })).toString("base64url")],
  ])("answers 400 naming pageToken for %s", async (_case, pageToken) => {
    expectRefusal(await call(STATUS_API_ROUTES.listStatuses, { query: { pageToken } }), 400, "pageToken");
  });

  it.each(["0", "101", "abc", "2.5"])("answers 400 naming limit for limit=%s", async (limit) => {
    expectRefusal(await call(STATUS_API_ROUTES.listStatuses, { query: { limit } }), 400, "limit");
  });
});
