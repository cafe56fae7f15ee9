// @vitest-environment happy-dom
import { MIB } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { eventually, patternedFile } from "./fake-platform.js";
import { MULTIPART_SIZE, PART, uploaderHarnessPerTest, bytesOf } from "./uploader-harness.js";

const world = uploaderHarnessPerTest();

describe("VideoUploader sends", () => {
  it("a small file in one PUT with exactly the headers the API returned", async () => {
    const { uploader, events, row } = world.newUploader();
    const file = patternedFile("clip.mp4", 2 * MIB);
    const states: string[] = [];
    uploader.subscribe((rows) => states.push(rows[0]?.state ?? ""));
    uploader.add([file]);

    await eventually(() => row().state === "done", "the upload to finish");
    expect(world.api.calls).toEqual(["POST /uploads"]);
    expect(world.bucket.puts).toHaveLength(1);
    const put = world.bucket.puts[0];
    const uploadId = row().uploadId ?? "";
    expect(put?.headers["content-type"]).toBe("video/mp4");
    expect(put?.headers["x-amz-meta-upload-id"]).toBe(uploadId);
    expect(world.bucket.objects.get(`/raw/uploads/${uploadId}`)?.equals(await bytesOf(file))).toBe(true);
    expect(states.filter((state, index) => state !== states[index - 1])).toEqual(["choosing", "creating", "sending", "done"]);
    expect(events).toEqual([
      { kind: "created", uploadId },
      { kind: "uploaded", uploadId },
    ]);
    expect(row()).toMatchObject({ method: "PUT", bytesSent: file.size, can: { pause: false, resume: false, cancel: false } });
  });

  it("nothing for a refused file, and shows the API's reason next to it", async () => {
    const { uploader, row } = world.newUploader();
    uploader.add([new File(["just text"], "notes.txt", { type: "text/plain" })]);
    await eventually(() => row().state === "failed", "the refusal");
    expect(row().error).toBe("contentType must be a video type (video/*)");
    expect(row().can).toEqual({ pause: false, resume: false, cancel: false });
    expect(world.bucket.puts).toHaveLength(0);
  });

  it("a large file as multipart, in the server's parts, several at once, then completes it with every ETag", async () => {
    const { uploader, row, events } = world.newUploader();
    const file = patternedFile("film.mp4", MULTIPART_SIZE);
    uploader.add([file]);
    await eventually(() => row().state === "sending", "the transfer to start");
    expect(row()).toMatchObject({ method: "MULTIPART", totalParts: 4, can: { pause: true, resume: false, cancel: true } });

    await eventually(() => row().state === "done", "the multipart upload to finish");
    const uploadId = row().uploadId ?? "";
    expect(world.api.uploads.get(uploadId)?.state).toBe("completed");
    const multipartUploadId = world.multipartUploadIdOf(uploadId);
    expect(world.bucket.partPuts(multipartUploadId).sort()).toEqual([1, 2, 3, 4]);
    const sizes = world.bucket.puts.map((put) => [put.partNumber, put.size]).sort(([a], [b]) => Number(a) - Number(b));
    expect(sizes).toEqual([[1, PART], [2, PART], [3, PART], [4, MIB]]);
    expect(world.bucket.maxInFlight).toBeGreaterThanOrEqual(3);
    for (const put of world.bucket.puts) expect(put.headers["content-type"]).toBe("application/octet-stream");
    expect(world.bucket.objects.get(`/raw/uploads/${uploadId}`)?.equals(await bytesOf(file))).toBe(true);
    // The URLs came with the upload: no extra signing round trip.
    expect(world.api.signedBatches).toEqual([]);
    // A finished upload is no longer offered for resume.
    expect(world.remembered()).toEqual([]);
    expect(events.map((event) => event.kind)).toEqual(["created", "uploaded"]);
  });

  it("after a page reload, only the parts the bucket does not hold", async () => {
    const file = patternedFile("film.mp4", MULTIPART_SIZE);
    let openGate: (verdict: "store") => void = () => undefined;
    const gate = new Promise<"store">((resolve) => (openGate = resolve));
    world.bucket.partVerdict = (partNumber) => (partNumber >= 3 ? gate : "store");

    const before = world.newUploader();
    before.uploader.add([file]);
    await eventually(() => world.storedCount() === 2, "two parts stored");
    const uploadId = before.row().uploadId ?? "";
    // The page goes away mid-upload.
    before.uploader.destroy();
    openGate("store");
    world.bucket.partVerdict = () => "store";
    world.bucket.label = "after reload";

    // A new page: the same file picked again.
    const after = world.newUploader();
    expect(after.uploader.unfinished().map((record) => record.uploadId)).toEqual([uploadId]);
    const states: string[] = [];
    after.uploader.subscribe((rows) => states.push(rows[0]?.state ?? ""));
    after.uploader.add([patternedFile("film.mp4", MULTIPART_SIZE)]);
    await eventually(() => after.row().state === "done", "the resumed upload to finish");

    expect(states.filter((state, index) => state !== states[index - 1])).toEqual(["choosing", "resuming", "sending", "completing", "done"]);
    expect(after.row().uploadId).toBe(uploadId);
    expect(world.api.calls.filter((call) => call === "POST /uploads")).toHaveLength(1);
    expect(world.api.calls).toContain(`GET /uploads/${uploadId}/parts`);
    const resent = world.bucket.puts.filter((put) => put.label === "after reload").map((put) => put.partNumber);
    expect(resent.sort()).toEqual([3, 4]);
    expect(world.api.signedBatches).toEqual([[3, 4]]);
    expect(after.row().storedParts).toBe(2);
    expect(world.api.uploads.get(uploadId)?.state).toBe("completed");
    expect(world.bucket.objects.get(`/raw/uploads/${uploadId}`)?.equals(await bytesOf(file))).toBe(true);
  });

  it("a part again when its connection dropped, and nothing else", async () => {
    world.bucket.partVerdict = (partNumber, attempt) => (partNumber === 2 && attempt === 1 ? "drop" : "store");
    const { uploader, row } = world.newUploader({ retryDelaysMs: [20] });
    uploader.add([patternedFile("film.mp4", MULTIPART_SIZE)]);
    await eventually(() => row().state === "done", "the upload to finish despite the drop");
    expect(world.bucket.partPuts(world.multipartUploadIdOf(row().uploadId)).sort()).toEqual([1, 2, 2, 3, 4]);
  });

  it("when retries run out, pauses with the reason, and a retry sends only the missing parts", async () => {
    let dropping = true;
    // Part 4 fails for good once the other three are stored.
    world.bucket.partVerdict = (partNumber) =>
      dropping && partNumber === 4 ? eventually(() => world.storedCount() === 3, "three parts").then(() => "drop" as const) : "store";
    const { uploader, row } = world.newUploader({ retryDelaysMs: [] });
    uploader.add([patternedFile("film.mp4", MULTIPART_SIZE)]);
    await eventually(() => row().state === "paused", "the upload to stop");
    expect(row().can).toEqual({ pause: false, resume: true, cancel: true });
    expect(row().error).toMatch(/connection dropped/);
    const uploadId = row().uploadId ?? "";
    // The stored parts are kept for the retry: the library's abort was not passed on.
    expect(world.api.calls).not.toContain(`DELETE /uploads/${uploadId}`);
    await eventually(() => world.bucket.parts.get(world.multipartUploadIdOf(uploadId))?.size === 3, "three parts stored");
    const putsBefore = world.bucket.puts.length;

    dropping = false;
    uploader.resume(row().id);
    await eventually(() => row().state === "done", "the retried upload to finish");
    expect(world.bucket.puts.slice(putsBefore).map((put) => put.partNumber)).toEqual([4]);
    expect(world.api.uploads.get(uploadId)?.state).toBe("completed");
  });

  it("a fresh upload when the remembered one is gone", async () => {
    const first = world.newUploader();
    world.bucket.partVerdict = (partNumber) => (partNumber === 1 ? "store" : new Promise(() => undefined));
    first.uploader.add([patternedFile("film.mp4", MULTIPART_SIZE)]);
    await eventually(() => world.storedCount() === 1, "one part stored");
    const oldId = first.row().uploadId ?? "";
    first.uploader.destroy();
    await world.api.abortUpload(oldId); // e.g. the bucket's lifecycle rule dropped it
    world.bucket.partVerdict = () => "store";

    const second = world.newUploader();
    second.uploader.add([patternedFile("film.mp4", MULTIPART_SIZE)]);
    await eventually(() => second.row().state === "done", "a fresh upload to finish");
    expect(second.row().uploadId).not.toBe(oldId);
    expect(world.api.calls.filter((call) => call === "POST /uploads")).toHaveLength(2);
  });

  it("the type read from the extension when the browser gives none", async () => {
    const received: string[] = [];
    const createUpload = world.api.createUpload.bind(world.api);
    world.api.createUpload = async (request) => {
      received.push(request.contentType);
      return createUpload(request);
    };
    const { uploader, row } = world.newUploader();
    uploader.add([new File([new Uint8Array(1024)], "camera.MKV", { type: "" })]);
    await eventually(() => row().state === "done", "the upload to finish");
    expect(received).toEqual(["video/x-matroska"]);
  });

  it("a file already on its way only once", async () => {
    const { uploader } = world.newUploader();
    const file = patternedFile("clip.mp4", 1 * MIB);
    uploader.add([file]);
    uploader.add([file]);
    expect(uploader.rows).toHaveLength(1);
    await eventually(() => uploader.rows[0]?.state === "done", "the upload to finish");
    expect(world.api.calls).toEqual(["POST /uploads"]);
  });
});
