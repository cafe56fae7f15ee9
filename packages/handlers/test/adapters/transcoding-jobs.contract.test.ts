import { MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { recordingJobRunner, startMediaConvertStandIn } from "@video-platform/mediaconvert-stand-in";
import { expect, it } from "vitest";
import { MediaConvertJobs } from "../../src/adapters/mediaconvert-transcoding-jobs.js";
import { sourceJobFor } from "../../src/core/movie-job.js";
import type { TranscodingJobs } from "../../src/ports/transcoding-jobs.js";
import { InMemoryTranscodingJobs } from "../support/in-memory/in-memory-transcoding-jobs.js";
import { describeContract } from "../support/port-contract.js";
import { freshUploadId } from "../support/upload-records.js";
import { TEST_SOURCE, testJobConfig } from "../support/job-config.js";

const CONFIG = testJobConfig("contract-test");

interface JobsUnderTest {
  readonly jobs: TranscodingJobs;
  /** Lets a job end on its own, as a finished transcode does. */
  finish(jobId: string): Promise<void>;
  stop(): Promise<void>;
}

const FINISHING = "finishing";

/** The port's contract, held against MediaConvert's adapter (on the local MediaConvert) and the in-memory jobs. */
const implementations: Record<string, () => Promise<JobsUnderTest>> = {
  "the MediaConvert adapter (on the local MediaConvert)": async () => {
    // Jobs of uploads named `finishing...` complete when run; the others stay SUBMITTED, as in a busy queue.
    const runner = recordingJobRunner((job) =>
      job.userMetadata["uploadId"]?.startsWith(FINISHING) === true
        ? [{ status: "COMPLETE", outputGroups: [{ type: "HLS_GROUP", playlistFilePaths: ["s3://processed/vod/x/x.m3u8"], outputs: [] }] }]
        : [],
    );
    const standIn = await startMediaConvertStandIn({ runner });
    const client = new MediaConvertClient({
      endpoint: standIn.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    return {
      jobs: new MediaConvertJobs(client),
      finish: () => standIn.idle(),
      stop: async () => {
        client.destroy();
        await standIn.stop();
      },
    };
  },
  "the in-memory jobs": async () => {
    const jobs = new InMemoryTranscodingJobs();
    return { jobs, finish: async (jobId) => jobs.finish(jobId), stop: async () => undefined };
  },
};

const requestFor = (uploadId: string, etag = "etag") =>
  sourceJobFor({ bucket: "raw", key: `uploads/${uploadId}`, etag }, uploadId, CONFIG, TEST_SOURCE).request;

describeContract("TranscodingJobs", implementations, (subject) => {
  it("answers a repeated request with the first job", async () => {
    const request = requestFor(freshUploadId());
    const first = await subject.jobs.submit(request);
    expect(await subject.jobs.submit(request)).toBe(first);
    expect(await subject.jobs.submit(requestFor(freshUploadId()))).not.toBe(first);
  });

  it("cancels a job that has not ended, once; cancelling it again or any other is not an error", async () => {
    const jobId = await subject.jobs.submit(requestFor(freshUploadId()));
    expect(await subject.jobs.cancel(jobId)).toBe("cancelled");
    expect(await subject.jobs.cancel(jobId)).toBe("not-running");
    expect(await subject.jobs.cancel("1700000000000-unknown")).toBe("not-running");
  });

  it("finds nothing to cancel once a job has finished", async () => {
    const jobId = await subject.jobs.submit(requestFor(`${FINISHING}-${freshUploadId()}`));
    await subject.finish(jobId);
    expect(await subject.jobs.cancel(jobId)).toBe("not-running");
  });
});
