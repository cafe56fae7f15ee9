import { Logger } from "@aws-lambda-powertools/logger";
import { MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { recordingJobRunner, startMediaConvertStandIn, type RunningMediaConvertStandIn } from "@video-platform/mediaconvert-stand-in";
import { objectKeyOf } from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaConvertJobs } from "../../src/adapters/mediaconvert-transcoding-jobs.js";
import { MovieTranscoding } from "../../src/use-cases/movie-transcoding.js";
import { InMemoryUploadTable } from "../support/in-memory/in-memory-upload-table.js";
import { objectCreatedEvent } from "../support/lifecycle-events.js";
import { recordPendingUpload } from "../support/upload-records.js";
import { testJobConfig } from "../support/job-config.js";
import type { MovieJobConfig } from "../../src/core/movie-job.js";

const logger = new Logger({ serviceName: "test", logLevel: "SILENT" });
const CONFIG = testJobConfig("use-case-test");

/** The trigger's use case on the in-memory table and the local MediaConvert (recording, no ffmpeg): no moto. */
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

function transcoding(config: MovieJobConfig = CONFIG) {
  const table = new InMemoryUploadTable();
  return { table, useCase: new MovieTranscoding(table, new MediaConvertJobs(client), config, logger) };
}

describe("starting a movie's transcoding", () => {
  it("submits one job and records TRANSCODING with its id and the size S3 reported", async () => {
    const { table, useCase } = transcoding();
    const { objectKey } = await recordPendingUpload(table);
    const outcome = await useCase.start(objectCreatedEvent("raw", objectKey, 2_048, "etag-a"));
    if (outcome.outcome !== "submitted") throw new Error(`not submitted: ${outcome.reason}`);
    expect(mediaconvert.jobs().find((job) => job.Id === outcome.jobId)).toMatchObject({
      JobTemplate: "MovieHLS",
      UserMetadata: { fileName: objectKey, platform: "use-case-test" },
    });
    expect(await table.get(objectKey)).toMatchObject({ Status: "TRANSCODING", JobId: outcome.jobId, SizeBytes: 2_048 });
  });

  it("submits nothing for an upload that already has a job, or that is unknown", async () => {
    const { table, useCase } = transcoding();
    const { uploadId, objectKey } = await recordPendingUpload(table);
    await table.applyStatusChange(objectKey, { status: "TRANSCODING", progress: 10, jobId: "job-earlier" });
    const before = mediaconvert.jobs().length;
    expect(await useCase.start(objectCreatedEvent("raw", objectKeyOf(uploadId), 1))).toMatchObject({ outcome: "ignored" });
    expect(await useCase.start(objectCreatedEvent("raw", "uploads/0b9f6c1e-3c3a-4c43-9a8e-2f0d8f1f6a11.mp4", 1))).toMatchObject({
      outcome: "ignored",
      reason: "upload is unknown",
    });
    expect(mediaconvert.jobs()).toHaveLength(before);
  });

  it("fails, leaving the upload as it was, when MediaConvert refuses the job", async () => {
    const { table, useCase } = transcoding({ ...CONFIG, MEDIACONVERT_OUTPUT_PREFIX: "processed/vod/" });
    const { objectKey } = await recordPendingUpload(table);
    await expect(useCase.start(objectCreatedEvent("raw", objectKey, 1))).rejects.toMatchObject({ name: "BadRequestException" });
    expect(await table.get(objectKey)).toMatchObject({ Status: "PENDING_UPLOAD" });
  });
});
