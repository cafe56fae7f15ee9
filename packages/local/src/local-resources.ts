import type { FunctionName } from "@video-platform/shared-types";

/** Names of what the local platform creates in moto; one place, like infra's config. */
export const LOCAL_RESOURCES = {
  region: "us-east-1",
  /** moto's default account. */
  accountId: "123456789012",
  rawBucket: "video-platform-local-raw",
  processedBucket: "video-platform-local-processed",
  uploadTable: "video-platform-local-upload-status",
  platformId: "video-platform-local",
  jobTemplate: "MovieHLS",
  mediaConvertQueue: "arn:aws:mediaconvert:us-east-1:123456789012:queues/video-platform-local-vod",
  mediaConvertRole: "arn:aws:iam::123456789012:role/video-platform-local-mediaconvert",
} as const;

/** A rule of the default bus and the functions it invokes, as infra wires them on AWS. */
export interface LocalEventRule {
  readonly name: string;
  readonly pattern: Record<string, unknown>;
  readonly targets: readonly FunctionName[];
}

/** The two rules of the VOD flow (DESIGN.md, "The VOD flow", steps 2 and 3). */
export function localEventRules(): readonly LocalEventRule[] {
  return [
    {
      name: "raw-object-created",
      pattern: {
        source: ["aws.s3"],
        "detail-type": ["Object Created"],
        detail: { bucket: { name: [LOCAL_RESOURCES.rawBucket] }, object: { key: [{ prefix: "uploads/" }] } },
      },
      targets: ["UpdateUploadStatus", "TriggerMediaConvert"],
    },
    {
      name: "mediaconvert-job-state-change",
      pattern: {
        source: ["aws.mediaconvert"],
        "detail-type": ["MediaConvert Job State Change"],
        detail: { userMetadata: { platform: [LOCAL_RESOURCES.platformId] } },
      },
      targets: ["UpdateUploadStatus"],
    },
  ];
}

/** One queue per (rule, target), so a target that fails is retried alone, as EventBridge does. */
export function targetQueueName(rule: LocalEventRule, target: FunctionName): string {
  return `${rule.name}--${target}`;
}
