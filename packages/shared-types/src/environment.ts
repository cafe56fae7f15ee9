import * as z from "zod";
import { DEFAULT_MAX_UPLOAD_BYTES } from "./api/limits.js";
import { DEFAULT_MAX_DURATION_SECONDS } from "./encoding/source-decision.js";

/**
 * Environment variable names: infra sets them, handlers read them. One list, so a rename
 * cannot leave the two sides disagreeing.
 */
export const ENV = {
  uploadTableName: "UPLOAD_TABLE_NAME",
  rawBucketName: "RAW_BUCKET_NAME",
  maxUploadBytes: "MAX_UPLOAD_BYTES",
  mediaConvertRoleArn: "MEDIACONVERT_ROLE_ARN",
  mediaConvertOutputPrefix: "MEDIACONVERT_OUTPUT_PREFIX",
  mediaConvertQueueArn: "MEDIACONVERT_QUEUE_ARN",
  maxSourceDurationSeconds: "MAX_SOURCE_DURATION_SECONDS",
  platformId: "PLATFORM_ID",
  serviceName: "POWERTOOLS_SERVICE_NAME",
  logLevel: "POWERTOOLS_LOG_LEVEL",
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];

const required = z.string({ error: "is not set" }).min(1, "is empty");

const tableEnv = { [ENV.uploadTableName]: required };

export const GeneratePresignedUrlEnv = z.object({
  ...tableEnv,
  [ENV.rawBucketName]: required,
  [ENV.maxUploadBytes]: z.coerce
    .number({ error: "must be a number" })
    .int()
    .positive()
    .default(DEFAULT_MAX_UPLOAD_BYTES),
});
export type GeneratePresignedUrlEnv = z.infer<typeof GeneratePresignedUrlEnv>;

export const UpdateUploadStatusEnv = z.object({ ...tableEnv });
export type UpdateUploadStatusEnv = z.infer<typeof UpdateUploadStatusEnv>;

export const TriggerMediaConvertEnv = z.object({
  ...tableEnv,
  [ENV.mediaConvertRoleArn]: required.regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "must be an IAM role ARN"),
  [ENV.mediaConvertOutputPrefix]: required.regex(/^s3:\/\/[^/]+\/(.+\/)?$/, "must be an s3://bucket/prefix/ URL"),
  /** The environment's own on-demand queue: its jobs, and its alarms, stay apart from other environments'. */
  [ENV.mediaConvertQueueArn]: required.regex(/^arn:aws[a-z-]*:mediaconvert:[a-z0-9-]+:\d{12}:queues\/.+$/, "must be a MediaConvert queue ARN"),
  [ENV.platformId]: required,
  /** The longest upload the environment transcodes; a longer one is refused before any job exists. */
  [ENV.maxSourceDurationSeconds]: z.coerce
    .number({ error: "must be a number" })
    .positive()
    .default(DEFAULT_MAX_DURATION_SECONDS),
});
export type TriggerMediaConvertEnv = z.infer<typeof TriggerMediaConvertEnv>;

export const QueryUploadStatusEnv = z.object({ ...tableEnv });
export type QueryUploadStatusEnv = z.infer<typeof QueryUploadStatusEnv>;

/** The functions of the platform and the configuration each one needs. */
export const FUNCTION_ENV = {
  GeneratePresignedUrl: GeneratePresignedUrlEnv,
  UpdateUploadStatus: UpdateUploadStatusEnv,
  TriggerMediaConvert: TriggerMediaConvertEnv,
  QueryUploadStatus: QueryUploadStatusEnv,
} as const;
export type FunctionName = keyof typeof FUNCTION_ENV;
export const FUNCTION_NAMES = Object.keys(FUNCTION_ENV) as FunctionName[];

export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

/**
 * Parses a function's configuration once, at start-up; a missing or bad variable fails with its
 * name rather than surfacing later as an odd AWS error.
 */
export function parseFunctionEnv<N extends FunctionName>(
  name: N,
  source: Record<string, string | undefined>,
): z.infer<(typeof FUNCTION_ENV)[N]> {
  const result = FUNCTION_ENV[name].safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");
    throw new ConfigurationError(`${name}: bad configuration: ${problems}`);
  }
  return result.data as z.infer<(typeof FUNCTION_ENV)[N]>;
}
