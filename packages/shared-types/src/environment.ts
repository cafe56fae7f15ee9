import * as z from "zod";
import { DEFAULT_UPLOAD_QUOTA } from "./access/upload-quota.js";
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
  processedBucketName: "PROCESSED_BUCKET_NAME",
  maxOpenUploadsPerUser: "MAX_OPEN_UPLOADS_PER_USER",
  maxUploadBytesPerUserPerDay: "MAX_UPLOAD_BYTES_PER_USER_PER_DAY",
  siteUrl: "SITE_URL",
  playbackSigningSecret: "PLAYBACK_SIGNING_SECRET",
  playbackPublicKeyIds: "PLAYBACK_PUBLIC_KEY_IDS",
  privateLivePathPrefix: "PRIVATE_LIVE_PATH_PREFIX",
  serviceName: "POWERTOOLS_SERVICE_NAME",
  logLevel: "POWERTOOLS_LOG_LEVEL",
} as const;

const required = z.string({ error: "is not set" }).min(1, "is empty");

const tableEnv = { [ENV.uploadTableName]: required };

const positiveWhole = (fallback: number) =>
  z.coerce.number({ error: "must be a number" }).int("must be a whole number").positive("must be more than 0").default(fallback);

/** A JSON object of key name → CloudFront public key id; `{}` while no key is deployed. */
const publicKeyIds = z.string().transform((text, context) => {
  try {
    const parsed: unknown = JSON.parse(text);
    const result = z.record(z.string().min(1), z.string().min(1)).safeParse(parsed);
    if (result.success) return result.data;
  } catch {
    // reported below
  }
  context.addIssue({ code: "custom", message: "must be a JSON object of key name to CloudFront public key id" });
  return z.NEVER;
});

export const GeneratePresignedUrlEnv = z.object({
  ...tableEnv,
  [ENV.rawBucketName]: required,
  [ENV.maxUploadBytes]: positiveWhole(DEFAULT_MAX_UPLOAD_BYTES),
  [ENV.maxOpenUploadsPerUser]: positiveWhole(DEFAULT_UPLOAD_QUOTA.maxOpenUploads),
  [ENV.maxUploadBytesPerUserPerDay]: positiveWhole(DEFAULT_UPLOAD_QUOTA.maxBytesPerDay),
});
export type GeneratePresignedUrlEnv = z.infer<typeof GeneratePresignedUrlEnv>;

export const UpdateUploadStatusEnv = z.object({ ...tableEnv });
export type UpdateUploadStatusEnv = z.infer<typeof UpdateUploadStatusEnv>;

export const TriggerMediaConvertEnv = z.object({
  ...tableEnv,
  /** A file that lands after its upload was deleted, aborted or expired is removed from here. */
  [ENV.rawBucketName]: required,
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

export const QueryUploadStatusEnv = z.object({
  ...tableEnv,
  /** Playback cookies and signed poster URLs are for files under this origin. */
  [ENV.siteUrl]: required.regex(/^https?:\/\/[^/]+$/, "must be an origin such as https://d111.cloudfront.net (no path)"),
  [ENV.playbackSigningSecret]: required,
  [ENV.playbackPublicKeyIds]: publicKeyIds,
  /** "" when live playback is public (or there is no live channel). */
  [ENV.privateLivePathPrefix]: z.union([z.literal(""), z.string().regex(/^\/.+\/$/, "must be a path prefix such as /out/v1/abc/")]),
});
export type QueryUploadStatusEnv = z.infer<typeof QueryUploadStatusEnv>;

export const DeleteVideoEnv = z.object({
  ...tableEnv,
  [ENV.rawBucketName]: required,
  [ENV.processedBucketName]: required,
});
export type DeleteVideoEnv = z.infer<typeof DeleteVideoEnv>;

/** The functions of the platform and the configuration each one needs. */
export const FUNCTION_ENV = {
  GeneratePresignedUrl: GeneratePresignedUrlEnv,
  UpdateUploadStatus: UpdateUploadStatusEnv,
  TriggerMediaConvert: TriggerMediaConvertEnv,
  QueryUploadStatus: QueryUploadStatusEnv,
  DeleteVideo: DeleteVideoEnv,
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
