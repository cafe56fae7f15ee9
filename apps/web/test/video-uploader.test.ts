// @vitest-environment happy-dom
import { MIB } from "@video-platform/shared-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryStorage, ResumableUploads } from "../src/upload/resumable-uploads.js";
import { VideoUploader, type UploadEvent, type UploadRow } from "../src/upload/video-uploader.js";
import { FakeBucket, FakeUploadApi, eventually, patternedFile } from "./fake-platform.js";

// The library's smallest part is 5 MiB; the test platform cuts at 6 MiB and parts of 5 MiB.
const PART = 5 * MIB;
const limits = { singlePutMaxBytes: 6 * MIB, partSizeFor: () => PART };
const MULTIPART_SIZE = 3 * PART + 1 * MIB; // four parts, the last one short

let bucket: FakeBucket;
let api: FakeUploadApi;
let storage: MemoryStorage;
const uploaders: VideoUploader[] = [];

function newUploader(options: { retryDelaysMs?: number[] } = {}) {
  const uploader = new VideoUploader({
    api,
    resumable: new ResumableUploads(storage),
    limits,
    partsInFlight: 4,
    retryDelaysMs: options.retryDelaysMs ?? [0, 50],
  });
  uploaders.push(uploader);
  const events: UploadEvent[] = [];
  uploader.onUploadEvent((event) => events.push(event));
  return { uploader, events, row: () => uploader.rows[uploader.rows.length - 1] as UploadRow };
}

async function bytesOf(file: File): Promise<Buffer> {
  return Buffer.from(await file.arrayBuffer());
}

beforeEach(async () => {
  bucket = new FakeBucket();
  await bucket.start();
  api = new FakeUploadApi(bucket, { singlePutMaxBytes: limits.singlePutMaxBytes, partSizeBytes: PART });
  storage = new MemoryStorage();
});

afterEach(async () => {
  for (const uploader of uploaders.splice(0)) uploader.destroy();
  await bucket.stop();
});

describe("VideoUploader", () => {
  it("sends a small file in one PUT with exactly the headers the API returned", async () => {
    const { uploader, events, row } = newUploader();
    const file = patternedFile("clip.mp4", 2 * MIB);
    const states: string[] = [];
    uploader.subscribe((rows) => states.push(rows[0]?.state ?? ""));
    uploader.add([file]);

    await eventually(() => row().state === "uploaded", "the upload to finish");
    expect(api.calls).toEqual(["POST /uploads"]);
    expect(bucket.puts).toHaveLength(1);
    const put = bucket.puts[0];
    const uploadId = row().uploadId ?? "";
    expect(put?.headers["content-type"]).toBe("video/mp4");
    expect(put?.headers["x-amz-meta-upload-id"]).toBe(uploadId);
    expect(bucket.objects.get(`/raw/uploads/${uploadId}`)?.equals(await bytesOf(file))).toBe(true);
    expect(states[0]).toBe("pending");
    expect(states).toContain("uploading");
    expect(events).toEqual([
      { kind: "created", uploadId },
      { kind: "uploaded", uploadId },
    ]);
    expect(row()).toMatchObject({ method: "PUT", bytesSent: file.size, canRetry: false });
  });

  it("shows the API's reason next to a refused file and sends nothing", async () => {
    const { uploader, row } = newUploader();
    uploader.add([new File(["just text"], "notes.txt", { type: "text/plain" })]);
    await eventually(() => row().state === "failed", "the refusal");
    expect(row().error).toBe("contentType must be a video type (video/*)");
    expect(row().canRetry).toBe(false);
    expect(bucket.puts).toHaveLength(0);
  });

  it("sends a large file as multipart, several parts at once, then completes it with every ETag", async () => {
    const { uploader, row, events } = newUploader();
    const file = patternedFile("film.mp4", MULTIPART_SIZE);
    uploader.add([file]);

    await eventually(() => row().state === "uploaded", "the multipart upload to finish");
    const uploadId = row().uploadId ?? "";
    const upload = api.uploads.get(uploadId);
    expect(upload?.state).toBe("completed");
    expect(bucket.partPuts(upload?.multipartUploadId ?? "").sort()).toEqual([1, 2, 3, 4]);
    expect(bucket.maxInFlight).toBeGreaterThanOrEqual(3);
    for (const put of bucket.puts) expect(put.headers["content-type"]).toBe("application/octet-stream");
    expect(bucket.objects.get(`/raw/uploads/${uploadId}`)?.equals(await bytesOf(file))).toBe(true);
    // The URLs came with the upload: no extra signing round trip.
    expect(api.signedBatches).toEqual([]);
    // A finished upload is no longer offered for resume.
    expect(new ResumableUploads(storage).list()).toEqual([]);
    expect(events.map((event) => event.kind)).toEqual(["created", "uploaded"]);
    expect(row()).toMatchObject({ method: "MULTIPART", totalParts: 4 });
  });

  it("after a page reload, sends only the parts the bucket does not hold", async () => {
    const file = patternedFile("film.mp4", MULTIPART_SIZE);
    let openGate: (verdict: "store") => void = () => undefined;
    const gate = new Promise<"store">((resolve) => (openGate = resolve));
    bucket.partVerdict = (partNumber) => (partNumber >= 3 ? gate : "store");

    const before = newUploader();
    before.uploader.add([file]);
    await eventually(() => [...bucket.parts.values()].some((parts) => parts.size === 2), "two parts stored");
    const uploadId = before.row().uploadId ?? "";
    const multipartUploadId = api.uploads.get(uploadId)?.multipartUploadId ?? "";
    // The page goes away mid-upload.
    before.uploader.destroy();
    openGate("store");
    bucket.partVerdict = () => "store";
    bucket.label = "after reload";

    // A new page: the same file picked again.
    const after = newUploader();
    expect(after.uploader.unfinished().map((record) => record.uploadId)).toEqual([uploadId]);
    after.uploader.add([patternedFile("film.mp4", MULTIPART_SIZE)]);
    await eventually(() => after.row().state === "uploaded", "the resumed upload to finish");

    expect(after.row().uploadId).toBe(uploadId);
    expect(api.calls.filter((call) => call === "POST /uploads")).toHaveLength(1);
    expect(api.calls).toContain(`GET /uploads/${uploadId}/parts`);
    const resent = bucket.puts.filter((put) => put.label === "after reload").map((put) => put.partNumber);
    expect(resent.sort()).toEqual([3, 4]);
    expect(api.signedBatches).toEqual([[3, 4]]);
    expect(after.row().storedParts).toBe(2);
    expect(api.uploads.get(uploadId)?.state).toBe("completed");
    expect(bucket.objects.get(`/raw/uploads/${uploadId}`)?.equals(await bytesOf(file))).toBe(true);
    expect(bucket.partPuts(multipartUploadId).filter((part) => part <= 2)).toHaveLength(2);
  });

  it("retries a part whose connection dropped, and resends nothing else", async () => {
    bucket.partVerdict = (partNumber, attempt) => (partNumber === 2 && attempt === 1 ? "drop" : "store");
    const { uploader, row } = newUploader({ retryDelaysMs: [20] });
    uploader.add([patternedFile("film.mp4", MULTIPART_SIZE)]);
    await eventually(() => row().state === "uploaded", "the upload to finish despite the drop");
    const multipartUploadId = api.uploads.get(row().uploadId ?? "")?.multipartUploadId ?? "";
    expect(bucket.partPuts(multipartUploadId).sort()).toEqual([1, 2, 2, 3, 4]);
  });

  it("when retries run out, fails retryably, and a retry sends only the missing parts", async () => {
    let dropping = true;
    const storedCount = () => [...bucket.parts.values()].reduce((sum, parts) => sum + parts.size, 0);
    // Part 4 fails for good once the other three are stored.
    bucket.partVerdict = (partNumber) =>
      dropping && partNumber === 4 ? eventually(() => storedCount() === 3, "three parts").then(() => "drop" as const) : "store";
    const { uploader, row } = newUploader({ retryDelaysMs: [] });
    uploader.add([patternedFile("film.mp4", MULTIPART_SIZE)]);
    await eventually(() => row().state === "failed", "the upload to fail");
    expect(row().canRetry).toBe(true);
    expect(row().error).toMatch(/connection dropped/);
    const uploadId = row().uploadId ?? "";
    const multipartUploadId = api.uploads.get(uploadId)?.multipartUploadId ?? "";
    // The stored parts are kept for the retry: the library's abort was not passed on.
    expect(api.calls).not.toContain(`DELETE /uploads/${uploadId}`);
    await eventually(() => bucket.parts.get(multipartUploadId)?.size === 3, "three parts stored");
    const putsBefore = bucket.puts.length;

    dropping = false;
    uploader.retry(row().id);
    await eventually(() => row().state === "uploaded", "the retried upload to finish");
    expect(bucket.puts.slice(putsBefore).map((put) => put.partNumber)).toEqual([4]);
    expect(api.uploads.get(uploadId)?.state).toBe("completed");
  });

  it("cancel stops the transfer and aborts the multipart upload", async () => {
    bucket.partVerdict = () => new Promise(() => undefined); // never answers
    const { uploader, row, events } = newUploader();
    uploader.add([patternedFile("film.mp4", MULTIPART_SIZE)]);
    await eventually(() => bucket.puts.length >= 1 || bucket.inFlight >= 1, "parts in flight");
    await eventually(() => row().uploadId !== undefined, "the upload to be created");
    const uploadId = row().uploadId ?? "";
    await uploader.cancel(row().id);

    expect(row().state).toBe("cancelled");
    expect(api.calls).toContain(`DELETE /uploads/${uploadId}`);
    expect(api.uploads.get(uploadId)?.state).toBe("aborted");
    expect(new ResumableUploads(storage).list()).toEqual([]);
    expect(events.at(-1)).toEqual({ kind: "cancelled", uploadId });
  });

  it("starts over when the remembered upload is gone", async () => {
    const first = newUploader();
    bucket.partVerdict = (partNumber) => (partNumber === 1 ? "store" : new Promise(() => undefined));
    first.uploader.add([patternedFile("film.mp4", MULTIPART_SIZE)]);
    await eventually(() => [...bucket.parts.values()].some((parts) => parts.size === 1), "one part stored");
    const oldId = first.row().uploadId ?? "";
    first.uploader.destroy();
    await api.abortUpload(oldId); // e.g. the bucket's lifecycle rule dropped it
    bucket.partVerdict = () => "store";

    const second = newUploader();
    second.uploader.add([patternedFile("film.mp4", MULTIPART_SIZE)]);
    await eventually(() => second.row().state === "uploaded", "a fresh upload to finish");
    expect(second.row().uploadId).not.toBe(oldId);
    expect(api.calls.filter((call) => call === "POST /uploads")).toHaveLength(2);
  });

  it("sends the type guessed from the extension when the browser gives none", async () => {
    const received: string[] = [];
    const createUpload = api.createUpload.bind(api);
    api.createUpload = async (request) => {
      received.push(request.contentType);
      return createUpload(request);
    };
    const { uploader, row } = newUploader();
    uploader.add([new File([new Uint8Array(1024)], "camera.MKV", { type: "" })]);
    await eventually(() => row().state === "uploaded", "the upload to finish");
    expect(received).toEqual(["video/x-matroska"]);
  });

  it("does not start a second upload of a file already on its way", async () => {
    const { uploader } = newUploader();
    const file = patternedFile("clip.mp4", 1 * MIB);
    uploader.add([file]);
    uploader.add([file]);
    expect(uploader.rows).toHaveLength(1);
    await eventually(() => uploader.rows[0]?.state === "uploaded", "the upload to finish");
  });
});
