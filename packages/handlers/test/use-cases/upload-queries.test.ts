import { describe, expect, it } from "vitest";
import { InvalidRequestError, UploadNotFoundError } from "../../src/core/upload-errors.js";
import { UploadQueries } from "../../src/use-cases/upload-queries.js";
import { InMemoryUploadTable } from "../support/in-memory/in-memory-upload-table.js";
import { freshUploadId, recordPendingUpload } from "../support/upload-records.js";

describe("upload queries on the in-memory table", () => {
  it("page through every upload newest first, the token carrying each page to the next", async () => {
    const table = new InMemoryUploadTable();
    const base = Date.parse("2025-03-01T10:00:00.000Z");
    const newestFirst: string[] = [];
    for (const minute of [0, 1, 2, 3, 4]) {
      const { uploadId } = await recordPendingUpload(table, { now: new Date(base + minute * 60_000) });
      newestFirst.unshift(uploadId);
    }
    const queries = new UploadQueries(table);
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await queries.list({ limit: "2", ...(pageToken === undefined ? {} : { pageToken }) });
      seen.push(...page.items.map((item) => item.uploadId));
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined);
    expect(seen).toEqual(newestFirst);
    expect((await queries.status(newestFirst[0])).status).toBe("PENDING_UPLOAD");
  });

  it("answer what a job makes once it is recorded, and nothing of it before", async () => {
    const table = new InMemoryUploadTable();
    const { uploadId, objectKey } = await recordPendingUpload(table);
    const queries = new UploadQueries(table);
    expect(await queries.status(uploadId)).not.toHaveProperty("posterPath");
    const summary = {
      posterPath: "vod/x/previews/frame.0000010.jpg",
      durationSeconds: 5,
      width: 640,
      height: 480,
      renditions: [{ width: 640, height: 480, bitrate: 2_126_000 }],
    };
    await table.recordVideo(objectKey, summary);
    expect(await queries.status(uploadId)).toMatchObject(summary);
    expect((await queries.list({})).items[0]).toMatchObject(summary);
  });

  it("refuse an unknown upload, and a page token the API did not issue", async () => {
    const queries = new UploadQueries(new InMemoryUploadTable());
    await expect(queries.status(freshUploadId())).rejects.toBeInstanceOf(UploadNotFoundError);
    await expect(queries.list({ pageToken: "forged" })).rejects.toBeInstanceOf(InvalidRequestError);
  });
});
