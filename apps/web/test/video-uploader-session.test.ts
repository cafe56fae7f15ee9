// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { ApiError, SIGN_IN_AGAIN_MESSAGE } from "../src/api/api-errors.js";
import { eventually, patternedFile } from "./fake-platform.js";
import { MULTIPART_SIZE, uploaderHarnessPerTest } from "./uploader-harness.js";

const world = uploaderHarnessPerTest();
const film = () => patternedFile("film.mp4", MULTIPART_SIZE);
const sessionEnded = () => new ApiError(401, "UNAUTHORIZED", SIGN_IN_AGAIN_MESSAGE);

describe("VideoUploader when the session ends", () => {
  it("keeps an upload whose completion met a 401, and completes it once the person signs in again", async () => {
    let parts = 0;
    world.bucket.partVerdict = () => {
      // The session ends while the last parts are on their way to the bucket (which needs no token).
      if (++parts === 3) world.api.refusing = sessionEnded();
      return "store";
    };
    const { uploader, row } = world.newUploader();
    uploader.add([film()]);
    await eventually(() => row().state === "paused", "the completion to be refused");
    expect(row()).toMatchObject({ state: "paused", error: SIGN_IN_AGAIN_MESSAGE, can: { resume: true, cancel: true } });
    expect(world.storedCount()).toBe(4);
    expect(world.remembered()).toHaveLength(1);

    world.api.refusing = undefined;
    world.bucket.label = "after sign-in";
    uploader.signedInAgain();
    await eventually(() => row().state === "done", "the upload to complete after signing in");
    expect(world.bucket.puts.filter((put) => put.label === "after sign-in")).toEqual([]);
    expect(world.api.calls.filter((call) => call === "POST /uploads")).toHaveLength(1);
    expect(world.remembered()).toEqual([]);
  });

  it("does not take a 401 on resume for a vanished upload: the same upload goes on after sign-in", async () => {
    world.bucket.partVerdict = (partNumber) => (partNumber === 1 ? "store" : new Promise(() => undefined));
    const before = world.newUploader();
    before.uploader.add([film()]);
    await eventually(() => world.storedCount() === 1, "one part stored before the reload");
    const uploadId = before.row().uploadId;
    before.uploader.destroy();

    world.api.refusing = sessionEnded();
    world.bucket.partVerdict = () => "store";
    const after = world.newUploader();
    after.uploader.add([film()]);
    await eventually(() => after.row().state === "paused", "the listing to be refused");
    expect(after.row()).toMatchObject({ uploadId, error: SIGN_IN_AGAIN_MESSAGE });

    world.api.refusing = undefined;
    after.uploader.signedInAgain();
    await eventually(() => after.row().state === "done", "the resumed upload to finish");
    expect(after.row().uploadId).toBe(uploadId);
    expect(world.api.calls.filter((call) => call === "POST /uploads")).toHaveLength(1);
  });

  it("leaves uploads paused for another reason alone when the person signs in", async () => {
    world.api.refusing = new ApiError(503, "UNAVAILABLE", "The server answered 503");
    const { uploader, row } = world.newUploader();
    uploader.add([patternedFile("clip.mp4", 1000)]);
    await eventually(() => row().state === "paused", "the creation to fail");
    world.api.refusing = undefined;
    uploader.signedInAgain();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(row().state).toBe("paused");
  });
});

describe("VideoUploader and the per-user quota", () => {
  it("shows the server's 429 message (which limit, when it frees up) and lets the person retry", async () => {
    const message = "You have 20 unfinished uploads, the most you may have at once (20). Finish or cancel one, or wait until 14:05 UTC, when the oldest expires.";
    world.api.refusing = new ApiError(429, "quota_exceeded", message, { limit: "open-uploads", retryAfterSeconds: 300 });
    const { uploader, row } = world.newUploader();
    uploader.add([patternedFile("clip.mp4", 1000)]);
    await eventually(() => row().state === "paused", "the creation to be refused");
    expect(row()).toMatchObject({ error: message, can: { resume: true } });

    world.api.refusing = undefined;
    uploader.resume(row().id);
    await eventually(() => row().state === "done", "the retried upload to finish");
  });
});

describe("VideoUploader.cancelUpload", () => {
  it("stops and aborts the upload of that id (it is being deleted), and ignores an id it does not send", async () => {
    world.bucket.partVerdict = () => new Promise(() => undefined);
    const { uploader, row } = world.newUploader();
    uploader.add([film()]);
    await eventually(() => row().uploadId !== undefined && world.bucket.inFlight >= 1, "parts in flight");
    await uploader.cancelUpload("00000000-0000-4000-8000-000000000000.mp4");
    expect(row().state).toBe("sending");
    await uploader.cancelUpload(row().uploadId ?? "");
    expect(row().state).toBe("aborted");
    expect(world.api.uploads.get(row().uploadId ?? "")?.state).toBe("aborted");
  });
});
