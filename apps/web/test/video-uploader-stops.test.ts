// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { ApiError } from "../src/api/api-errors.js";
import { eventually, patternedFile } from "./fake-platform.js";
import { MULTIPART_SIZE, uploaderHarnessPerTest } from "./uploader-harness.js";

const world = uploaderHarnessPerTest();

/** Holds every call of one API method until `open()`. */
function holdCalls<K extends "createUpload" | "listStoredParts" | "completeUpload">(method: K) {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const original = world.api[method].bind(world.api) as (...args: unknown[]) => Promise<unknown>;
  let held = 0;
  (world.api as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
    held++;
    await opened;
    return original(...args);
  };
  return { open, held: () => held };
}

const film = () => patternedFile("film.mp4", MULTIPART_SIZE);

describe("VideoUploader stops", () => {
  it("on cancel while sending: the transfer stops and the multipart upload is aborted", async () => {
    world.bucket.partVerdict = () => new Promise(() => undefined); // never answers
    const { uploader, row, events } = world.newUploader();
    uploader.add([film()]);
    await eventually(() => world.bucket.inFlight >= 1 && row().uploadId !== undefined, "parts in flight");
    const uploadId = row().uploadId ?? "";
    await uploader.cancel(row().id);

    expect(row()).toMatchObject({ state: "aborted", can: { pause: false, resume: false, cancel: false } });
    expect(world.api.uploads.get(uploadId)?.state).toBe("aborted");
    expect(world.remembered()).toEqual([]);
    expect(events.at(-1)).toEqual({ kind: "cancelled", uploadId });
    await eventually(() => world.bucket.inFlight === 0, "the part requests to be dropped");
  });

  it("on cancel while creating: the upload the API creates afterwards is aborted and nothing is sent", async () => {
    const creation = holdCalls("createUpload");
    const { uploader, row, events } = world.newUploader();
    uploader.add([film()]);
    await eventually(() => creation.held() === 1, "the creation to be asked for");
    expect(row().state).toBe("creating");
    await uploader.cancel(row().id);
    creation.open();

    await eventually(() => [...world.api.uploads.values()].some((upload) => upload.state === "aborted"), "the late upload to be aborted");
    expect(row().state).toBe("aborted");
    expect(world.bucket.puts).toEqual([]);
    expect(world.remembered()).toEqual([]);
    expect(events.map((event) => event.kind)).toEqual([]);
  });

  it("on cancel while resuming after a reload: the remembered upload is aborted before any part is sent", async () => {
    world.bucket.partVerdict = (partNumber) => (partNumber === 1 ? "store" : new Promise(() => undefined));
    const before = world.newUploader();
    before.uploader.add([film()]);
    await eventually(() => world.storedCount() === 1, "one part stored");
    const uploadId = before.row().uploadId ?? "";
    before.uploader.destroy();
    world.bucket.label = "after reload";

    const listing = holdCalls("listStoredParts");
    const after = world.newUploader();
    after.uploader.add([film()]);
    await eventually(() => listing.held() === 1, "the stored parts to be asked for");
    expect(after.row().state).toBe("resuming");
    await after.uploader.cancel(after.row().id);
    listing.open();

    expect(world.api.uploads.get(uploadId)?.state).toBe("aborted");
    expect(after.row().state).toBe("aborted");
    expect(world.remembered()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(world.api.signedBatches).toEqual([]);
    expect(world.bucket.puts.filter((put) => put.label === "after reload")).toEqual([]);
  });

  it("on cancel while completing: the upload is aborted and the late completion changes nothing", async () => {
    const completion = holdCalls("completeUpload");
    const { uploader, row } = world.newUploader();
    uploader.add([film()]);
    await eventually(() => completion.held() === 1, "the completion to be asked for");
    expect(row().state).toBe("completing");
    const uploadId = row().uploadId ?? "";
    await uploader.cancel(row().id);
    completion.open();

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(row()).toMatchObject({ state: "aborted", error: undefined });
    expect(world.api.uploads.get(uploadId)?.state).toBe("aborted");
  });

  it("shows why a cancel did not take on the server", async () => {
    world.bucket.partVerdict = () => new Promise(() => undefined);
    world.api.abortUpload = async () => {
      throw new ApiError(409, "CONFLICT", "upload x is UPLOADED and can no longer be aborted");
    };
    const { uploader, row } = world.newUploader();
    uploader.add([film()]);
    await eventually(() => row().state === "sending", "the transfer to start");
    await uploader.cancel(row().id);
    expect(row()).toMatchObject({ state: "aborted", error: "Could not cancel on the server: upload x is UPLOADED and can no longer be aborted" });
  });

  it("on pause, and a resume sends only the parts the bucket does not hold", async () => {
    let hold = true;
    world.bucket.partVerdict = (partNumber) => (hold && partNumber >= 3 ? new Promise(() => undefined) : "store");
    const { uploader, row } = world.newUploader();
    uploader.add([film()]);
    await eventually(() => world.storedCount() === 2, "two parts stored");
    uploader.pause(row().id);
    expect(row()).toMatchObject({ state: "paused", error: undefined, can: { pause: false, resume: true, cancel: true } });
    await eventually(() => world.bucket.inFlight === 0, "the part requests to be dropped");
    const uploadId = row().uploadId ?? "";
    expect(world.remembered().map((record) => record.uploadId)).toEqual([uploadId]);

    hold = false;
    world.bucket.label = "resumed";
    uploader.resume(row().id);
    await eventually(() => row().state === "done", "the resumed upload to finish");
    expect(world.bucket.puts.filter((put) => put.label === "resumed").map((put) => put.partNumber).sort()).toEqual([3, 4]);
    expect(row().storedParts).toBe(2);
    expect(world.api.calls.filter((call) => call === "POST /uploads")).toHaveLength(1);
    expect(world.api.uploads.get(uploadId)?.state).toBe("completed");
  });

  it("on a failure, and goes on by itself when the browser is back online", async () => {
    let failing = true;
    const original = world.api.completeUpload.bind(world.api);
    world.api.completeUpload = async (...args) => {
      if (failing) throw new ApiError(503, "UNAVAILABLE", "The server answered 503");
      return original(...args);
    };
    const connectivity = new EventTarget();
    const { uploader, row } = world.newUploader({ connectivity });
    uploader.add([film()]);
    await eventually(() => row().state === "paused", "the completion to fail");
    expect(row()).toMatchObject({ error: "The server answered 503", can: { resume: true } });

    failing = false;
    world.bucket.label = "back online";
    connectivity.dispatchEvent(new Event("online"));
    await eventually(() => row().state === "done", "the upload to complete once online");
    // Every part was stored before the failure: nothing is sent again.
    expect(world.bucket.puts.filter((put) => put.label === "back online")).toEqual([]);
  });

  it("on a pause by the person, which only they undo: being back online does not resume it", async () => {
    world.bucket.partVerdict = (partNumber) => (partNumber === 1 ? "store" : new Promise(() => undefined));
    const connectivity = new EventTarget();
    const { uploader, row } = world.newUploader({ connectivity });
    uploader.add([film()]);
    await eventually(() => world.storedCount() === 1, "one part stored");
    uploader.pause(row().id);
    connectivity.dispatchEvent(new Event("online"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(row().state).toBe("paused");

    // Picking the same file again goes on with the paused upload rather than starting another.
    world.bucket.partVerdict = () => "store";
    uploader.add([film()]);
    expect(uploader.rows).toHaveLength(1);
    await eventually(() => row().state === "done", "the paused upload to finish");
    expect(world.api.calls.filter((call) => call === "POST /uploads")).toHaveLength(1);
  });

  it("on cancel while paused: the upload is aborted and forgotten", async () => {
    world.bucket.partVerdict = (partNumber) => (partNumber === 1 ? "store" : new Promise(() => undefined));
    const { uploader, row, events } = world.newUploader();
    uploader.add([film()]);
    await eventually(() => world.storedCount() === 1, "one part stored");
    uploader.pause(row().id);
    const uploadId = row().uploadId ?? "";
    await uploader.cancel(row().id);
    expect(row().state).toBe("aborted");
    expect(world.api.uploads.get(uploadId)?.state).toBe("aborted");
    expect(world.remembered()).toEqual([]);
    expect(events.at(-1)).toEqual({ kind: "cancelled", uploadId });
  });
});
