import { Logger } from "@aws-lambda-powertools/logger";
import { MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { recordingJobRunner, startMediaConvertStandIn, type RunningMediaConvertStandIn } from "@video-platform/mediaconvert-stand-in";
import { NO_VIDEO_REASON, UNREADABLE_REASON, objectKeyOf, type ProbeReading, type SourceFacts } from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaConvertJobs } from "../../src/adapters/mediaconvert-transcoding-jobs.js";
import { MovieTranscoding, ORPHANED_FILE_REASON, type TranscodingConfig } from "../../src/use-cases/movie-transcoding.js";
import { InMemoryRawUploadBucket } from "../support/in-memory/in-memory-raw-bucket.js";
import { InMemoryUploadTable } from "../support/in-memory/in-memory-upload-table.js";
import { ScriptedSourceProbe } from "../support/in-memory/scripted-source-probe.js";
import { objectCreatedEvent } from "../support/lifecycle-events.js";
import { recordPendingUpload } from "../support/upload-records.js";
import { testJobConfig } from "../support/job-config.js";

const logger = new Logger({ serviceName: "test", logLevel: "SILENT" });
const CONFIG = testJobConfig("use-case-test");

const video = (facts: Partial<SourceFacts> = {}): ProbeReading => ({
  readable: true,
  facts: {
    container: "mp4",
    video: { codec: "AVC", display: { width: 1080, height: 1920 }, rotation: 0, rotationSource: "none", frameRate: { numerator: 30, denominator: 1 } },
    audioTrackCount: 0,
    durationSeconds: 12,
    ...facts,
  },
});

/** The trigger's use case on the in-memory table, a scripted probe and the local MediaConvert (recording, no ffmpeg): no moto. */
let mediaconvert: RunningMediaConvertStandIn;
let client: MediaConvertClient;

beforeAll(async () => {
  mediaconvert = await startMediaConvertStandIn({ runner: recordingJobRunner() });
  client = new MediaConvertClient({
    endpoint: mediaconvert.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
});

afterAll(async () => {
  client?.destroy();
  await mediaconvert?.stop();
});

async function transcoding(reading: ProbeReading, config: TranscodingConfig = CONFIG) {
  const table = new InMemoryUploadTable();
  const probe = new ScriptedSourceProbe();
  const { uploadId, objectKey } = await recordPendingUpload(table);
  probe.answer(`s3://raw/${objectKey}`, reading);
  const raw = new InMemoryRawUploadBucket();
  const useCase = new MovieTranscoding(table, probe, new MediaConvertJobs(client), raw, config, logger);
  return { table, probe, raw, uploadId, objectKey, useCase };
}

const jobCount = () => mediaconvert.jobs().length;

describe("starting a movie's transcoding", () => {
  it("probes the upload, submits the job derived for it, and records the summary and TRANSCODING", async () => {
    const { table, probe, objectKey, useCase } = await transcoding(video());
    const outcome = await useCase.start(objectCreatedEvent("raw", objectKey, 2_048, "etag-a"));
    if (outcome.outcome !== "submitted") throw new Error(`not submitted: ${JSON.stringify(outcome)}`);
    expect(probe.asked).toEqual([`s3://raw/${objectKey}`]);
    const job = mediaconvert.jobs().find((candidate) => candidate.Id === outcome.jobId);
    expect(job).toMatchObject({ UserMetadata: { fileName: objectKey, platform: "use-case-test" } });
    expect(job?.JobTemplate).toBeUndefined();
    const renditions = job?.Settings?.OutputGroups?.[0]?.Outputs ?? [];
    expect(renditions.map((output) => [output.VideoDescription?.Width, output.VideoDescription?.Height])).toEqual([
      [1080, 1920],
      [720, 1280],
      [540, 960],
      [360, 640],
    ]);
    expect(renditions.every((output) => output.AudioDescriptions === undefined)).toBe(true);
    expect(await table.get(objectKey)).toMatchObject({
      Status: "TRANSCODING",
      JobId: outcome.jobId,
      SizeBytes: 2_048,
      DurationSeconds: 12,
      Width: 1080,
      Height: 1920,
      PosterPath: expect.stringMatching(/previews\/frame\.0000010\.jpg$/),
      Renditions: expect.arrayContaining([expect.objectContaining({ width: 360, height: 640 })]),
    });
  });

  it.each([
    ["an MP3 renamed .mp4", { readable: true, facts: { container: "mp3", video: undefined, audioTrackCount: 1, durationSeconds: 200 } }, NO_VIDEO_REASON],
    ["a file Probe cannot read", { readable: false, detail: "Probe recognised nothing" }, UNREADABLE_REASON],
    ["a video longer than the environment allows", video({ durationSeconds: 3 * 3600 }), "the video is 3 h long; the limit is 1 h"],
  ] as [string, ProbeReading, string][])("refuses %s: ERROR with the reason, and no job", async (_name, reading, reason) => {
    const { table, objectKey, useCase } = await transcoding(reading);
    const before = jobCount();
    expect(await useCase.start(objectCreatedEvent("raw", objectKey, 512))).toEqual({ outcome: "refused", reason, statusWrite: "applied" });
    expect(jobCount()).toBe(before);
    const stored = await table.get(objectKey);
    expect(stored).toMatchObject({ Status: "ERROR", ErrorMessage: reason, SizeBytes: 512 });
    expect(stored?.PosterPath).toBeUndefined();
    // The event again (EventBridge delivers at least once): nothing more happens.
    expect(await useCase.start(objectCreatedEvent("raw", objectKey, 512))).toMatchObject({ outcome: "ignored" });
  });

  it("submits nothing, and asks nothing, for an upload that already has a job (its file kept), or that is unknown (its file removed)", async () => {
    const { table, probe, raw, uploadId, objectKey, useCase } = await transcoding(video());
    await table.applyStatusChange(objectKey, { status: "TRANSCODING", progress: 10, jobId: "job-earlier" });
    const orphan = "uploads/0b9f6c1e-3c3a-4c43-9a8e-2f0d8f1f6a11.mp4";
    for (const key of [objectKey, orphan]) raw.receive((await raw.presignPut(key, "video/mp4", 1)).url, new Uint8Array(1));
    const before = jobCount();
    expect(await useCase.start(objectCreatedEvent("raw", objectKeyOf(uploadId), 1))).toMatchObject({ outcome: "ignored" });
    expect(await useCase.start(objectCreatedEvent("raw", orphan, 1))).toEqual({ outcome: "discarded", reason: ORPHANED_FILE_REASON });
    expect([...raw.objects.keys()]).toEqual([objectKey]);
    expect(jobCount()).toBe(before);
    expect(probe.asked).toEqual([]);
  });

  it("fails, leaving the status as it was, when MediaConvert refuses the job", async () => {
    const { table, objectKey, useCase } = await transcoding(video(), { ...CONFIG, MEDIACONVERT_OUTPUT_PREFIX: "processed/vod/" });
    await expect(useCase.start(objectCreatedEvent("raw", objectKey, 1))).rejects.toThrow();
    expect(await table.get(objectKey)).toMatchObject({ Status: "PENDING_UPLOAD" });
  });
});
