import { MovieHlsLadder, planSourceJob, type VideoSource } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { jobDestinationFor, jobTokenFor, sourceJobFor } from "../../src/core/movie-job.js";

const uploadId = "0b9f6c1e-3c3a-4c43-9a8e-2f0d8f1f6a11.mp4";
const object = { bucket: "raw", key: `uploads/${uploadId}`, etag: "abc" };
const config = {
  MEDIACONVERT_ROLE_ARN: "arn:aws:iam::123456789012:role/Convert",
  MEDIACONVERT_OUTPUT_PREFIX: "s3://processed/vod/",
  MEDIACONVERT_QUEUE_ARN: "arn:aws:mediaconvert:us-east-1:123456789012:queues/video-platform-test-vod",
  PLATFORM_ID: "vp-dev",
};
const portrait: VideoSource = {
  container: "mp4",
  video: { codec: "AVC", display: { width: 1080, height: 1920 }, rotation: 0, rotationSource: "none", frameRate: { numerator: 30, denominator: 1 } },
  audioTrackCount: 0,
  durationSeconds: 42,
};

describe("jobTokenFor", () => {
  it("is the same for the same object and differs when bucket, key or ETag differ", () => {
    expect(jobTokenFor(object)).toBe(jobTokenFor({ ...object }));
    expect(jobTokenFor(object)).toMatch(/^[0-9a-f]{64}$/);
    const others = [{ ...object, bucket: "raw2" }, { ...object, key: `${object.key}x` }, { ...object, etag: "abd" }];
    for (const other of others) expect(jobTokenFor(other)).not.toBe(jobTokenFor(object));
    // Field boundaries matter: "a"+"bc" must not collide with "ab"+"c".
    expect(jobTokenFor({ bucket: "a", key: "bc", etag: "e" })).not.toBe(jobTokenFor({ bucket: "ab", key: "c", etag: "e" }));
  });
});

describe("jobDestinationFor", () => {
  it("puts each upload in its own folder under the vod/ output prefix, without doubling vod/", () => {
    expect(jobDestinationFor("s3://processed/vod/", uploadId)).toBe("s3://processed/vod/0b9f6c1e-3c3a-4c43-9a8e-2f0d8f1f6a11/");
  });
});

describe("sourceJobFor", () => {
  it("names role, queue, the settings derived for this source, metadata and token, and no template", () => {
    const { request, summary } = sourceJobFor(object, uploadId, config, portrait);
    const plan = planSourceJob(
      uploadId,
      { fileInput: `s3://raw/uploads/${uploadId}`, destination: "s3://processed/vod/0b9f6c1e-3c3a-4c43-9a8e-2f0d8f1f6a11/" },
      portrait,
    );
    expect(request).toEqual({
      queue: config.MEDIACONVERT_QUEUE_ARN,
      role: config.MEDIACONVERT_ROLE_ARN,
      settings: plan.settings,
      statusUpdateInterval: MovieHlsLadder.statusUpdateInterval,
      metadata: { uploadId, fileName: `uploads/${uploadId}`, platform: "vp-dev" },
      idempotencyToken: jobTokenFor(object),
    });
    expect(summary).toEqual(plan.summary);
    expect(summary).toMatchObject({ width: 1080, height: 1920, durationSeconds: 42, posterPath: expect.stringMatching(/^vod\/0b9f6c1e-[^/]+\/previews\//) });
  });
});
