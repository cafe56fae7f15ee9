import type { VideoSource } from "@video-platform/shared-types";
import type { TranscodingConfig } from "../../src/use-cases/movie-transcoding.js";

/** The trigger's job configuration in tests: MediaConvert on the local stand-in, a queue of the test's own. */
export function testJobConfig(platformId: string): TranscodingConfig {
  return {
    MEDIACONVERT_ROLE_ARN: "arn:aws:iam::123456789012:role/MediaConvertRole",
    MEDIACONVERT_OUTPUT_PREFIX: "s3://processed/vod/",
    MEDIACONVERT_QUEUE_ARN: `arn:aws:mediaconvert:us-east-1:123456789012:queues/${platformId}`,
    PLATFORM_ID: platformId,
    MAX_SOURCE_DURATION_SECONDS: 3600,
  };
}

/** What Probe says of an ordinary upload in tests that do not look at the ladder: 720p with sound, 12 s. */
export const TEST_SOURCE: VideoSource = {
  container: "mp4",
  video: { codec: "AVC", display: { width: 1280, height: 720 }, rotation: 0, rotationSource: "none", frameRate: { numerator: 30, denominator: 1 } },
  audioTrackCount: 1,
  durationSeconds: 12,
};

/**
 * The trigger's environment variables in the function tests, as Lambda hands them over: jobs go
 * to the test queue with their output under `s3://<processedBucket>/vod/`.
 */
export function testJobEnvironment(platformId: string, processedBucket = "processed-bucket") {
  return {
    MEDIACONVERT_ROLE_ARN: "arn:aws:iam::123456789012:role/MediaConvertRole",
    MEDIACONVERT_OUTPUT_PREFIX: `s3://${processedBucket}/vod/`,
    MEDIACONVERT_QUEUE_ARN: "arn:aws:mediaconvert:us-east-1:123456789012:queues/video-platform-test-vod",
    PLATFORM_ID: platformId,
  };
}
