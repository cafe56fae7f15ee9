import type { MovieJobConfig } from "../../src/core/movie-job.js";

/** The trigger's job configuration in tests: MediaConvert on the local stand-in, a queue of the test's own. */
export function testJobConfig(platformId: string): MovieJobConfig {
  return {
    MEDIACONVERT_JOB_TEMPLATE: "MovieHLS",
    MEDIACONVERT_ROLE_ARN: "arn:aws:iam::123456789012:role/MediaConvertRole",
    MEDIACONVERT_OUTPUT_PREFIX: "s3://processed/vod/",
    MEDIACONVERT_QUEUE_ARN: `arn:aws:mediaconvert:us-east-1:123456789012:queues/${platformId}`,
    PLATFORM_ID: platformId,
  };
}
