import { DEFAULT_MAX_DURATION_SECONDS, DEFAULT_MAX_UPLOAD_BYTES, type PlatformLimits, type PlatformResources } from "@video-platform/shared-types";

/**
 * What the local platform's resources are called in moto, and where it runs: the names the
 * topology's builders receive here (infra gives them Terraform references instead).
 */
export const LOCAL_RESOURCES = {
  region: "us-east-1",
  /** moto's default account. */
  accountId: "123456789012",
  platformId: "video-platform-local",
  rawBucket: "video-platform-local-raw",
  processedBucket: "video-platform-local-processed",
  statusTable: "video-platform-local-upload-status",
  transcodingRoleArn: "arn:aws:iam::123456789012:role/video-platform-local-mediaconvert",
  mediaConvertQueueArn: "arn:aws:mediaconvert:us-east-1:123456789012:queues/video-platform-local-vod",
} as const satisfies PlatformResources & { readonly region: string; readonly accountId: string };

export const LOCAL_LIMITS: PlatformLimits = { maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES, maxSourceDurationSeconds: DEFAULT_MAX_DURATION_SECONDS };
