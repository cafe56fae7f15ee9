import { GIB, MIB, PENDING_RECORD_MARGIN_SECONDS, SINGLE_PUT_MAX_BYTES, objectKeyOf } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { QuotaExceededError, UploadNotFoundError } from "../../src/core/upload-errors.js";
import { ADMIN, OTHER_USER, OWNER } from "../support/callers.js";
import { TEST_NOW, TEST_URL_TTL_SECONDS, uploadRequestsOnMemory } from "../support/upload-requests-fixture.js";

const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
const small = (name = "clip.mp4", sizeBytes = 1000) => ({ fileName: name, contentType: "video/mp4", sizeBytes });
const large = { fileName: "film.mkv", contentType: "video/x-matroska", sizeBytes: SINGLE_PUT_MAX_BYTES + 3 * MIB };
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);
const later = (seconds: number) => new Date(TEST_NOW.getTime() + seconds * 1000);

describe("an upload's owner", () => {
  it("is recorded with the e-mail the directory gives for the caller's token", async () => {
    const { table, owners, requests } = uploadRequestsOnMemory();
    owners.emails.set("token-a", "a@example.com");
    const created = await requests.create(OWNER, small(), "token-a");
    expect(await table.get(objectKeyOf(created.uploadId))).toMatchObject({ OwnerId: OWNER.sub, OwnerEmail: "a@example.com" });
  });

  it("is recorded without an e-mail when the directory fails or has none: the upload is still created", async () => {
    const { table, owners, requests } = uploadRequestsOnMemory();
    owners.failing.add("token-down");
    for (const token of ["token-down", "token-unknown", undefined]) {
      const created = await requests.create(OWNER, small(), token);
      const record = await table.get(objectKeyOf(created.uploadId));
      expect(record).toMatchObject({ OwnerId: OWNER.sub });
      expect(record?.OwnerEmail).toBeUndefined();
    }
  });

  it("alone, or an admin, may list parts, sign parts, complete and abort; anyone else is told it does not exist", async () => {
    const { bucket, requests } = uploadRequestsOnMemory();
    const created = await requests.create(OWNER, large);
    if (created.method !== "MULTIPART") throw new Error("expected multipart");
    const missing = "0b9f6c1e-3c3a-4c43-9a8e-2f0d8f1f6a11.mkv";
    const attempts = (id: string) => [
      requests.listStoredParts(OTHER_USER, id),
      requests.signParts(OTHER_USER, id, { partNumbers: [1] }),
      requests.complete(OTHER_USER, id, { parts: [{ partNumber: 1, etag: "x" }] }),
      requests.abort(OTHER_USER, id),
    ];
    const refusals = await Promise.all(attempts(created.uploadId).map(failureOf));
    const unknowns = await Promise.all(attempts(missing).map(failureOf));
    for (const [index, refusal] of refusals.entries()) {
      expect(refusal).toBeInstanceOf(UploadNotFoundError);
      expect((refusal as Error).message.replace(created.uploadId, "<id>")).toBe((unknowns[index] as Error).message.replace(missing, "<id>"));
    }

    expect((await requests.listStoredParts(ADMIN, created.uploadId)).parts).toEqual([]);
    expect((await requests.signParts(ADMIN, created.uploadId, { partNumbers: [1] })).parts).toHaveLength(1);
    const parts = created.parts.map((part) => ({
      partNumber: part.partNumber,
      etag: bucket.receive(part.url, new Uint8Array(Number(new URL(part.url).searchParams.get("sizeBytes")))),
    }));
    expect(await requests.complete(ADMIN, created.uploadId, { parts })).toMatchObject({ status: "UPLOADED" });
    const another = await requests.create(OWNER, small());
    expect(await requests.abort(ADMIN, another.uploadId)).toEqual({ uploadId: another.uploadId, aborted: true });
  });
});

describe("a pending upload's expiry", () => {
  it("is set on create, moved on each re-sign, and removed once the file has arrived", async () => {
    const { table, bucket, clock, requests } = uploadRequestsOnMemory();
    const created = await requests.create(OWNER, large);
    if (created.method !== "MULTIPART") throw new Error("expected multipart");
    const key = objectKeyOf(created.uploadId);
    const urlsExpireAt = later(TEST_URL_TTL_SECONDS);
    expect(created.expiresAt).toBe(urlsExpireAt.toISOString());
    expect(await table.get(key)).toMatchObject({
      UrlsExpireAt: urlsExpireAt.toISOString(),
      ExpiresAt: epoch(urlsExpireAt) + PENDING_RECORD_MARGIN_SECONDS,
    });

    clock.now = later(600);
    const signed = await requests.signParts(OWNER, created.uploadId, { partNumbers: [1, 2] });
    const resignedUntil = later(600 + TEST_URL_TTL_SECONDS);
    expect(signed.expiresAt).toBe(resignedUntil.toISOString());
    expect(await table.get(key)).toMatchObject({
      UrlsExpireAt: resignedUntil.toISOString(),
      ExpiresAt: epoch(resignedUntil) + PENDING_RECORD_MARGIN_SECONDS,
    });

    const parts = created.parts.map((part) => ({
      partNumber: part.partNumber,
      etag: bucket.receive(part.url, new Uint8Array(Number(new URL(part.url).searchParams.get("sizeBytes")))),
    }));
    await requests.complete(OWNER, created.uploadId, { parts });
    const uploaded = await table.get(key);
    expect(uploaded?.Status).toBe("UPLOADED");
    expect(uploaded?.UrlsExpireAt).toBeUndefined();
    expect(uploaded?.ExpiresAt).toBeUndefined();
  });
});

describe("the per-user quota", () => {
  const quota = { maxOpenUploads: 3, maxBytesPerDay: 10 * GIB };

  it("takes open uploads up to the limit, refuses the next with 429 naming it and when the oldest expires", async () => {
    const { requests, clock } = uploadRequestsOnMemory({ quota });
    for (let n = 0; n < 3; n++) {
      clock.now = later(n * 60);
      await requests.create(OWNER, small());
    }
    clock.now = later(200);
    const refusal = await failureOf(requests.create(OWNER, small()));
    expect(refusal).toBeInstanceOf(QuotaExceededError);
    expect(refusal).toMatchObject({ limit: "open-uploads", retryAfterSeconds: TEST_URL_TTL_SECONDS - 200 });
    expect((refusal as Error).message).toMatch(/3 unfinished uploads.*\(3\).*12:15 UTC/);
    // Someone else is not held to the owner's count.
    await expect(requests.create(OTHER_USER, small())).resolves.toMatchObject({ method: "PUT" });
  });

  it("frees an open upload when it is aborted, when its file arrives, or when its URLs expire", async () => {
    const { requests, table, clock } = uploadRequestsOnMemory({ quota });
    const aborted = await requests.create(OWNER, small());
    const arrived = await requests.create(OWNER, small());
    await requests.create(OWNER, small());
    await requests.abort(OWNER, aborted.uploadId);
    await requests.create(OWNER, small());
    await table.applyStatusChange(objectKeyOf(arrived.uploadId), { status: "UPLOADED", progress: 0 });
    await requests.create(OWNER, small());
    await expect(requests.create(OWNER, small())).rejects.toBeInstanceOf(QuotaExceededError);
    // All three open ones were created at TEST_NOW: their URLs have expired a TTL later.
    clock.now = later(TEST_URL_TTL_SECONDS);
    await expect(requests.create(OWNER, small())).resolves.toMatchObject({ method: "PUT" });
  });

  it("takes bytes up to exactly the daily limit, refuses one byte more until midnight UTC, and starts again the next day", async () => {
    const { requests, clock } = uploadRequestsOnMemory({ quota: { maxOpenUploads: 100, maxBytesPerDay: 250 * MIB } });
    await requests.create(OWNER, { ...large, sizeBytes: 150 * MIB });
    await requests.create(OWNER, small("b.mp4", 100 * MIB));
    const refusal = await failureOf(requests.create(OWNER, small("c.mp4", 1)));
    expect(refusal).toMatchObject({ limit: "daily-bytes", retryAfterSeconds: 12 * 60 * 60 });
    expect((refusal as Error).message).toMatch(/over the daily limit of 0\.2 GiB\. The limit starts again at 00:00 UTC/);
    await expect(requests.create(ADMIN, small("d.mp4", 1))).resolves.toBeDefined();
    clock.now = new Date("2025-06-02T00:00:00.000Z");
    await expect(requests.create(OWNER, small("e.mp4", 100 * MIB))).resolves.toBeDefined();
  });

  it("holds admins to the same limits", async () => {
    const { requests } = uploadRequestsOnMemory({ quota: { maxOpenUploads: 1, maxBytesPerDay: GIB } });
    await requests.create(ADMIN, small());
    await expect(requests.create(ADMIN, small())).rejects.toMatchObject({ limit: "open-uploads" });
  });

  it("gives the reserved bytes back when the upload cannot be created after all", async () => {
    const { requests, bucket, usage } = uploadRequestsOnMemory({ quota: { maxOpenUploads: 10, maxBytesPerDay: 200 * MIB } });
    bucket.startMultipart = async () => {
      throw new Error("S3 is down");
    };
    await expect(requests.create(OWNER, { ...large, sizeBytes: 150 * MIB })).rejects.toThrow("S3 is down");
    expect([...usage.counters.values()]).toEqual([0]);
  });
});
