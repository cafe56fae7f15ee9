import { createHash } from "node:crypto";
import type { RecordingJobRunner, RunningMediaConvertStandIn } from "@video-platform/mediaconvert-stand-in";
import { FUNCTION_ARTIFACTS, MovieHlsLadder, NO_VIDEO_REASON, UNREADABLE_REASON, objectKeyOf } from "@video-platform/shared-types";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { HeadObjectCommand, NotFound } from "@aws-sdk/client-s3";
import type { handler as Handler } from "../src/functions/trigger-media-convert.js";
import { ORPHANED_FILE_REASON } from "../src/use-cases/movie-transcoding.js";
import { DynamoDbUploadTable } from "../src/adapters/dynamodb-upload-table.js";
import { startTranscodingEnvironment, TEST_RAW_BUCKET, TEST_TABLE, type TranscodingTestEnvironment } from "./support/aws-environment.js";
import { testJobEnvironment } from "./support/job-config.js";
import { objectCreatedEvent } from "./support/lifecycle-events.js";
import { putSource, type SourceKind } from "./support/source-files.js";
import { forceStatus, freshUploadId, recordPendingUpload } from "./support/upload-records.js";

const JOB_ENV = testJobEnvironment("video-platform-test");

let environment: TranscodingTestEnvironment;
let mediaconvert: RunningMediaConvertStandIn;
let runner: RecordingJobRunner;
let handler: typeof Handler;
let table: DynamoDbUploadTable;

beforeAll(async () => {
  environment = await startTranscodingEnvironment(JOB_ENV);
  ({ mediaconvert, runner } = environment);
  vi.resetModules();
  ({ handler } = await import("../src/functions/trigger-media-convert.js"));
  table = new DynamoDbUploadTable(environment.dynamodb, TEST_TABLE);
});

afterAll(async () => {
  await environment?.stop();
});

afterEach(() => {
  mediaconvert.received.length = 0;
});

/** A pending upload whose object S3 holds, of the given kind. */
async function uploaded(kind: SourceKind = "landscape") {
  const upload = await recordPendingUpload(table);
  const size = await putSource(environment.s3, TEST_RAW_BUCKET, upload.objectKey, kind);
  return { ...upload, size };
}

/** The CreateJob requests MediaConvert received since the last test, in the SDK's member names. */
const createJobRequests = () => mediaconvert.received.filter((call) => call.operation === "CreateJob").map((call) => call.input);
const jobWithToken = (token: unknown) => mediaconvert.jobs().find((job) => job.ClientRequestToken === token);

type Json = Record<string, unknown>;
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Json | unknown[] | undefined)?.[key as never], value);

describe("an uploaded movie", () => {
  it("is probed, then gets one CreateJob derived for it, with role, destination, metadata and token, and no template", async () => {
    const { uploadId, objectKey, size } = await uploaded("landscape");
    const uuid = uploadId.replace(/\.mp4$/, "");
    const event = objectCreatedEvent(TEST_RAW_BUCKET, objectKey, size, "etag-1");
    const outcome = await handler(event);
    expect(outcome).toMatchObject({ outcome: "submitted", statusWrite: "applied" });

    expect(mediaconvert.received.map((call) => call.operation)).toEqual(["Probe", "CreateJob"]);
    expect(mediaconvert.received[0]?.input).toEqual({ InputFiles: [{ FileUrl: `s3://${TEST_RAW_BUCKET}/${objectKey}` }] });
    const request = createJobRequests()[0];
    expect(request).not.toHaveProperty("JobTemplate");
    expect(request).toMatchObject({
      Queue: JOB_ENV.MEDIACONVERT_QUEUE_ARN,
      Role: JOB_ENV.MEDIACONVERT_ROLE_ARN,
      StatusUpdateInterval: MovieHlsLadder.statusUpdateInterval,
      UserMetadata: { uploadId, fileName: objectKey, platform: JOB_ENV.PLATFORM_ID },
    });
    expect(at(request, "Settings", "Inputs", 0, "FileInput")).toBe(`s3://${TEST_RAW_BUCKET}/${objectKey}`);
    const hls = at(request, "Settings", "OutputGroups", 0, "OutputGroupSettings", "HlsGroupSettings");
    expect(at(hls, "Destination")).toBe(`s3://processed-bucket/vod/${uuid}/`);
    // A 640×360 source: one rendition at its own size, never upscaled, with its sound; and the previews.
    const outputs = at(request, "Settings", "OutputGroups", 0, "Outputs") as Json[];
    expect(outputs.map((output) => [at(output, "VideoDescription", "Width"), at(output, "VideoDescription", "Height")])).toEqual([[640, 360]]);
    expect(at(outputs[0], "AudioDescriptions", 0, "CodecSettings", "Codec")).toBe("AAC");
    expect(at(request, "Settings", "OutputGroups", 1, "OutputGroupSettings", "FileGroupSettings", "Destination")).toBe(
      `s3://processed-bucket/vod/${uuid}/previews/frame`,
    );
    const token = createHash("sha256").update(JSON.stringify([TEST_RAW_BUCKET, objectKey, "etag-1"])).digest("hex");
    expect(request?.["ClientRequestToken"]).toBe(token);

    const jobId = jobWithToken(token)?.Id;
    expect(jobId).toBeDefined();
    expect(outcome).toMatchObject({ jobId });
    // MediaConvert names the master playlist after the input (uploads/<uuid>.mp4): vod/<uuid>/<uuid>.m3u8.
    await mediaconvert.idle();
    expect(runner.jobs.find((job) => job.id === jobId)?.plan).toMatchObject({
      destination: { bucket: "processed-bucket", key: `vod/${uuid}/` },
      baseName: uuid,
    });
    expect(await table.get(objectKey)).toMatchObject({
      Status: "TRANSCODING",
      JobId: jobId,
      SizeBytes: size,
      Progress: 0,
      PosterPath: `vod/${uuid}/previews/frame.0000010.jpg`,
      DurationSeconds: 1,
      Width: 640,
      Height: 360,
      Renditions: [{ width: 640, height: 360, bitrate: expect.any(Number) }],
    });
  });

  it("without sound and upright, gets upright video-only renditions", async () => {
    const { objectKey, size } = await uploaded("portraitSilent");
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, objectKey, size))).toMatchObject({ outcome: "submitted" });
    const outputs = at(createJobRequests()[0], "Settings", "OutputGroups", 0, "Outputs") as Json[];
    expect(outputs.map((output) => [at(output, "VideoDescription", "Width"), at(output, "VideoDescription", "Height")])).toEqual([[360, 640]]);
    expect(outputs.every((output) => at(output, "AudioDescriptions") === undefined)).toBe(true);
    expect(at(createJobRequests()[0], "Settings", "Inputs", 0, "AudioSelectors")).toBeUndefined();
  });

  it("delivered twice gives one job and one status", async () => {
    const { objectKey } = await uploaded();
    const event = objectCreatedEvent(TEST_RAW_BUCKET, objectKey, 10, "etag-twice");
    const jobsBefore = mediaconvert.jobs().length;
    const first = await handler(event);
    const stored = await table.get(objectKey);
    const second = await handler(event);
    expect(first).toMatchObject({ outcome: "submitted" });
    expect(second).toMatchObject({ outcome: "ignored" });
    expect(mediaconvert.jobs()).toHaveLength(jobsBefore + 1);
    expect(await table.get(objectKey)).toEqual(stored);
  });

  it("delivered twice at the same moment still gives one job, through the idempotency token", async () => {
    const { objectKey } = await uploaded();
    const event = objectCreatedEvent(TEST_RAW_BUCKET, objectKey, 10, "etag-race");
    const jobsBefore = mediaconvert.jobs().length;
    const outcomes = await Promise.all([handler(event), handler(structuredClone(event))]);
    expect(createJobRequests()).toHaveLength(2);
    const [a, b] = createJobRequests();
    expect(a?.["ClientRequestToken"]).toBe(b?.["ClientRequestToken"]);
    expect(mediaconvert.jobs()).toHaveLength(jobsBefore + 1);
    const jobIds = new Set(outcomes.map((outcome) => (outcome.outcome === "submitted" ? outcome.jobId : undefined)));
    expect(jobIds.size).toBe(1);
    // moto does not serialise two conditional writes that arrive at the same instant (DynamoDB
    // does), so only "at least one applied" is certain here; refusals of stale writes are shown
    // one at a time in update-upload-status.test.ts.
    expect(outcomes.map((outcome) => (outcome.outcome === "submitted" ? outcome.statusWrite : ""))).toContain("applied");
    expect(await table.get(objectKey)).toMatchObject({ Status: "TRANSCODING", JobId: [...jobIds][0] });
  });

  it("re-uploaded with new content (a new ETag) asks for a job under a new token", async () => {
    const { uploadId } = await uploaded();
    const other = await uploaded();
    await handler(objectCreatedEvent(TEST_RAW_BUCKET, objectKeyOf(uploadId), 1, "same-etag"));
    await handler(objectCreatedEvent(TEST_RAW_BUCKET, other.objectKey, 1, "same-etag"));
    const [first, second] = createJobRequests();
    expect(first?.["ClientRequestToken"]).not.toBe(second?.["ClientRequestToken"]);
  });
});

describe("an upload that is not a video", () => {
  it.each([
    ["an MP3 renamed .mp4", "song", NO_VIDEO_REASON],
    ["a text file named .mp4", "text", UNREADABLE_REASON],
  ] as [string, SourceKind, string][])("%s ends in ERROR with the reason, and no job", async (_name, kind, reason) => {
    const { objectKey, size } = await uploaded(kind);
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, objectKey, size))).toEqual({ outcome: "refused", reason, statusWrite: "applied" });
    expect(mediaconvert.received.map((call) => call.operation)).toEqual(["Probe"]);
    expect(await table.get(objectKey)).toMatchObject({ Status: "ERROR", ErrorMessage: reason, SizeBytes: size });
  });

  it("an object that is gone by the time it is probed ends in ERROR too", async () => {
    const { objectKey } = await recordPendingUpload(table);
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, objectKey, 1))).toMatchObject({ outcome: "refused", reason: UNREADABLE_REASON });
    expect(createJobRequests()).toHaveLength(0);
  });
});

/** Whether the raw bucket on moto holds `key`. */
const rawHolds = (key: string) =>
  environment.s3.send(new HeadObjectCommand({ Bucket: TEST_RAW_BUCKET, Key: key })).then(
    () => true,
    (error: unknown) => (error instanceof NotFound ? false : Promise.reject(error)),
  );

describe("events that start no job", () => {
  it("a key that is not an upload, or an upload already finished: ignored, the file kept", async () => {
    const other = "other/file.mp4";
    await putSource(environment.s3, TEST_RAW_BUCKET, other, "landscape");
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, other, 1))).toMatchObject({ outcome: "ignored" });
    const finished = freshUploadId();
    await forceStatus(environment.dynamodb, finished, { status: "ERROR", progress: 0 });
    await putSource(environment.s3, TEST_RAW_BUCKET, objectKeyOf(finished), "landscape");
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, objectKeyOf(finished), 1))).toMatchObject({ outcome: "ignored" });
    expect(await rawHolds(other)).toBe(true);
    expect(await rawHolds(objectKeyOf(finished))).toBe(true);
    expect(createJobRequests()).toHaveLength(0);
  });

  it("a file whose upload has no record (deleted, aborted or expired while it was sent) is removed from the raw bucket", async () => {
    const orphan = objectKeyOf(freshUploadId());
    const size = await putSource(environment.s3, TEST_RAW_BUCKET, orphan, "landscape");
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, orphan, size))).toEqual({ outcome: "discarded", reason: ORPHANED_FILE_REASON });
    expect(await rawHolds(orphan)).toBe(false);
    expect(await table.get(orphan)).toBeUndefined();
    expect(mediaconvert.received).toEqual([]);
    // Delivered again (or the file already gone): the same answer, nothing else touched.
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, orphan, size))).toMatchObject({ outcome: "discarded" });
  });
});

describe("configuration", () => {
  it.each(Object.keys(JOB_ENV))("a missing %s fails at start-up, naming it", async (name) => {
    const saved = process.env[name];
    delete process.env[name];
    try {
      vi.resetModules();
      await expect(import("../src/functions/trigger-media-convert.js")).rejects.toThrow(name);
    } finally {
      process.env[name] = saved;
    }
  });

  it("a missing UPLOAD_TABLE_NAME fails every function at start-up, naming it", async () => {
    const saved = process.env["UPLOAD_TABLE_NAME"];
    delete process.env["UPLOAD_TABLE_NAME"];
    try {
      for (const artifact of Object.values(FUNCTION_ARTIFACTS)) {
        vi.resetModules();
        await expect(import(`../src/functions/${artifact}.ts`)).rejects.toThrow("UPLOAD_TABLE_NAME");
      }
    } finally {
      process.env["UPLOAD_TABLE_NAME"] = saved;
    }
  });
});
