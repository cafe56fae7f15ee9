import { MIB, SINGLE_PUT_MAX_BYTES, objectKeyOf, type MultipartUpload } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { InvalidRequestError, UploadNotFoundError, UploadStateConflictError } from "../../src/core/upload-errors.js";
import { OWNER } from "../support/callers.js";
import { InMemoryRawUploadBucket } from "../support/in-memory/in-memory-raw-bucket.js";
import { TEST_NOW as NOW, TEST_URL_TTL_SECONDS as TTL_SECONDS, uploadRequestsOnMemory } from "../support/upload-requests-fixture.js";


const uploads = () => uploadRequestsOnMemory({ now: NOW });

const sizeOf = (url: string) => Number(new URL(url).searchParams.get("sizeBytes"));

async function multipart(context: ReturnType<typeof uploads>, sizeBytes = SINGLE_PUT_MAX_BYTES + 3 * MIB) {
  const created = await context.requests.create(OWNER, { fileName: "film.mkv", contentType: "video/x-matroska", sizeBytes });
  if (created.method !== "MULTIPART") throw new Error("expected a multipart upload");
  return created;
}

/** Sends every part (or those named) as the browser would; returns the part list to complete with. */
function sendParts(bucket: InMemoryRawUploadBucket, upload: MultipartUpload, only?: readonly number[]) {
  return upload.parts
    .filter((part) => only === undefined || only.includes(part.partNumber))
    .map((part) => ({ partNumber: part.partNumber, etag: bucket.receive(part.url, new Uint8Array(sizeOf(part.url))) }));
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("creating an upload", () => {
  it("below the multipart threshold: records PENDING_UPLOAD and hands out the bucket's PUT, expiring a TTL from now", async () => {
    const { table, requests } = uploads();
    const created = await requests.create(OWNER, { fileName: "clip.mp4", contentType: "video/mp4", sizeBytes: 1000 });
    expect(created).toMatchObject({ method: "PUT", headers: { "content-type": "video/mp4", "content-length": "1000" } });
    expect(created.expiresAt).toBe(new Date(NOW.getTime() + TTL_SECONDS * 1000).toISOString());
    expect(await table.get(objectKeyOf(created.uploadId))).toMatchObject({ Status: "PENDING_UPLOAD", UploadMethod: "PUT", SizeBytes: 1000 });
  });

  it("above it: opens a multipart upload, records its id, and signs every part at its size, the last holding the rest", async () => {
    const context = uploads();
    const sizeBytes = SINGLE_PUT_MAX_BYTES + 3 * MIB;
    const created = await multipart(context, sizeBytes);
    const sizes = created.parts.map((part) => sizeOf(part.url));
    expect(sizes.slice(0, -1).every((size) => size === created.partSizeBytes)).toBe(true);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(sizeBytes);
    expect(await context.table.get(objectKeyOf(created.uploadId))).toMatchObject({
      MultipartUploadId: created.multipartUploadId,
      PartCount: created.parts.length,
    });
    expect(await context.bucket.listParts(objectKeyOf(created.uploadId), created.multipartUploadId)).toEqual([]);
  });
});

describe("completing a multipart upload", () => {
  it("joins the parts, answers UPLOADED, and refuses a second complete with a conflict", async () => {
    const context = uploads();
    const created = await multipart(context);
    const parts = sendParts(context.bucket, created);
    expect(await context.requests.listStoredParts(OWNER, created.uploadId)).toMatchObject({ parts: parts.map(({ partNumber }) => ({ partNumber })) });
    expect(await context.requests.complete(OWNER, created.uploadId, { parts })).toEqual({ uploadId: created.uploadId, status: "UPLOADED" });
    expect(context.bucket.objects.get(objectKeyOf(created.uploadId))?.sizeBytes).toBe(SINGLE_PUT_MAX_BYTES + 3 * MIB);
    expect(await failureOf(context.requests.complete(OWNER, created.uploadId, { parts }))).toBeInstanceOf(UploadStateConflictError);
  });

  it("answers where the upload is when S3's own event got there first", async () => {
    const context = uploads();
    const created = await multipart(context);
    const parts = sendParts(context.bucket, created);
    const join = context.bucket.completeMultipart.bind(context.bucket);
    context.bucket.completeMultipart = async (key, id, list) => {
      await join(key, id, list);
      // The object's arrival reached the status and trigger functions before this answer was written.
      await context.table.applyStatusChange(key, { status: "TRANSCODING", progress: 0, jobId: "job-1" });
    };
    expect(await context.requests.complete(OWNER, created.uploadId, { parts })).toEqual({ uploadId: created.uploadId, status: "TRANSCODING" });
  });

  it.each([
    ["an ETag storage does not hold", (parts: { partNumber: number; etag: string }[]) => [{ ...parts[0]!, etag: '"feed"' }, ...parts.slice(1)], /never stored/],
    ["a part named twice", (parts: { partNumber: number; etag: string }[]) => [...parts, parts[0]!], /once each/],
  ])("answers 400 naming parts for %s, and leaves the upload pending", async (_case, tamper, message) => {
    const context = uploads();
    const created = await multipart(context);
    const error = await failureOf(context.requests.complete(OWNER, created.uploadId, { parts: tamper(sendParts(context.bucket, created)) }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ field: "parts", message: expect.stringMatching(message) });
    expect(await context.table.get(objectKeyOf(created.uploadId))).toMatchObject({ Status: "PENDING_UPLOAD" });
  });

  it("answers 409 for listing and completing once storage no longer knows the multipart upload", async () => {
    const context = uploads();
    const created = await multipart(context);
    const parts = sendParts(context.bucket, created);
    // Aborted behind the table's back: by the bucket's lifecycle rule, or a concurrent request.
    await context.bucket.abortMultipart(objectKeyOf(created.uploadId), created.multipartUploadId);
    const listing = await failureOf(context.requests.listStoredParts(OWNER, created.uploadId));
    expect(listing).toBeInstanceOf(UploadStateConflictError);
    expect(listing).toMatchObject({ message: /no longer open/ });
    expect(await failureOf(context.requests.complete(OWNER, created.uploadId, { parts }))).toBeInstanceOf(UploadStateConflictError);
  });
});

describe("aborting an upload", () => {
  it("drops a pending multipart upload in storage and forgets its record", async () => {
    const context = uploads();
    const created = await multipart(context);
    sendParts(context.bucket, created, [1]);
    expect(await context.requests.abort(OWNER, created.uploadId)).toEqual({ uploadId: created.uploadId, aborted: true });
    expect(await context.table.get(objectKeyOf(created.uploadId))).toBeUndefined();
    expect(await failureOf(context.bucket.listParts(objectKeyOf(created.uploadId), created.multipartUploadId))).toBeDefined();
    expect(await failureOf(context.requests.abort(OWNER, created.uploadId))).toBeInstanceOf(UploadNotFoundError);
  });

  it("answers 409 and keeps the record when the upload arrives while it is being aborted", async () => {
    const { table, requests } = uploads();
    const { uploadId } = await requests.create(OWNER, { fileName: "clip.mp4", contentType: "video/mp4", sizeBytes: 1000 });
    const forget = table.deletePending.bind(table);
    table.deletePending = async (key) => {
      await table.applyStatusChange(key, { status: "UPLOADED", progress: 0 });
      return forget(key);
    };
    expect(await failureOf(requests.abort(OWNER, uploadId))).toMatchObject({ message: /arrived while it was being aborted/ });
    expect(await table.get(objectKeyOf(uploadId))).toMatchObject({ Status: "UPLOADED" });
    expect(await failureOf(requests.abort(OWNER, uploadId))).toMatchObject({ message: /can no longer be aborted/ });
  });
});
