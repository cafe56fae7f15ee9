import type { FunctionName } from "../environment.js";
import { MEDIACONVERT_JOB_STATE_CHANGE, S3_OBJECT_CREATED } from "./event-sources.js";
import type { PlatformResources } from "./resources.js";
import { PLATFORM_BUCKETS } from "./storage.js";

/** An EventBridge event pattern (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html). */
export type EventPattern = { readonly [field: string]: unknown };

/** A rule of the default event bus and the functions it invokes. */
export interface EventRule {
  /** Unique; lower-case letters, digits and dashes. Each environment prefixes it with its own name. */
  readonly name: string;
  readonly description: string;
  readonly pattern: (resources: PlatformResources) => EventPattern;
  /** Each target gets its own delivery, retried on its own. */
  readonly targets: readonly FunctionName[];
}

/**
 * Upload to HLS. One S3 notification per prefix is all S3 allows, so EventBridge is the fan-out:
 * a new upload goes to both the status and the transcoding trigger; job state changes of this
 * platform's jobs (not another environment's in the same account) go back to the status.
 */
export const PLATFORM_EVENT_RULES: readonly EventRule[] = [
  {
    name: "upload-created",
    description: `New objects under ${PLATFORM_BUCKETS.raw.prefix} in the raw bucket`,
    pattern: (resources) => ({
      source: [S3_OBJECT_CREATED.source],
      "detail-type": [S3_OBJECT_CREATED.detailType],
      detail: { bucket: { name: [resources.rawBucket] }, object: { key: [{ prefix: PLATFORM_BUCKETS.raw.prefix }] } },
    }),
    targets: ["UpdateUploadStatus", "TriggerMediaConvert"],
  },
  {
    name: "mediaconvert-job-state",
    description: "State changes of this platform's MediaConvert jobs",
    pattern: (resources) => ({
      source: [MEDIACONVERT_JOB_STATE_CHANGE.source],
      "detail-type": [MEDIACONVERT_JOB_STATE_CHANGE.detailType],
      detail: { userMetadata: { platform: [resources.platformId] } },
    }),
    targets: ["UpdateUploadStatus"],
  },
];
