import type { z } from "zod";
import { ENV, type FUNCTION_ENV, type FunctionName } from "../environment.js";
import type { PlatformLimits, PlatformResources } from "./resources.js";
import { PLATFORM_BUCKETS } from "./storage.js";

/** Exactly the variables the function's schema in `environment.ts` reads, each as a string. */
export type FunctionEnvironment<N extends FunctionName> = {
  readonly [K in keyof z.input<(typeof FUNCTION_ENV)[N]>]-?: string;
};

export interface FunctionDefinition<N extends FunctionName> {
  /**
   * The bundle: `packages/handlers/dist/<artifact>.zip` (holding `index.mjs`, exporting
   * `handler`), built from `packages/handlers/src/functions/<artifact>.ts`.
   */
  readonly artifact: string;
  /** The function's configuration, given where the platform's resources are. */
  readonly environment: (resources: PlatformResources, limits: PlatformLimits) => FunctionEnvironment<N>;
}

export type PlatformFunctions = { readonly [N in FunctionName]: FunctionDefinition<N> };

/** The platform's functions. What invokes each one is said by the rules and routes that name it. */
export const PLATFORM_FUNCTIONS: PlatformFunctions = {
  GeneratePresignedUrl: {
    artifact: "generate-presigned-url",
    environment: (resources, limits) => ({
      [ENV.uploadTableName]: resources.statusTable,
      [ENV.rawBucketName]: resources.rawBucket,
      [ENV.maxUploadBytes]: String(limits.maxUploadBytes),
      [ENV.maxOpenUploadsPerUser]: String(limits.uploadQuota.maxOpenUploads),
      [ENV.maxUploadBytesPerUserPerDay]: String(limits.uploadQuota.maxBytesPerDay),
    }),
  },
  UpdateUploadStatus: {
    artifact: "update-upload-status",
    environment: (resources) => ({ [ENV.uploadTableName]: resources.statusTable }),
  },
  TriggerMediaConvert: {
    artifact: "trigger-media-convert",
    environment: (resources, limits) => ({
      [ENV.uploadTableName]: resources.statusTable,
      [ENV.rawBucketName]: resources.rawBucket,
      [ENV.mediaConvertRoleArn]: resources.transcodingRoleArn,
      [ENV.mediaConvertOutputPrefix]: `s3://${resources.processedBucket}/${PLATFORM_BUCKETS.processed.prefix}`,
      [ENV.mediaConvertQueueArn]: resources.mediaConvertQueueArn,
      [ENV.platformId]: resources.platformId,
      [ENV.maxSourceDurationSeconds]: String(limits.maxSourceDurationSeconds),
    }),
  },
  QueryUploadStatus: {
    artifact: "query-upload-status",
    environment: (resources) => ({
      [ENV.uploadTableName]: resources.statusTable,
      [ENV.siteUrl]: resources.siteUrl,
      [ENV.playbackSigningSecret]: resources.playbackSigningSecret,
      [ENV.playbackPublicKeyIds]: resources.playbackPublicKeyIds,
      [ENV.privateLivePathPrefix]: resources.privateLivePathPrefix,
    }),
  },
  DeleteVideo: {
    artifact: "delete-video",
    environment: (resources) => ({
      [ENV.uploadTableName]: resources.statusTable,
      [ENV.rawBucketName]: resources.rawBucket,
      [ENV.processedBucketName]: resources.processedBucket,
    }),
  },
};

/**
 * The variables every function gets besides its own: the logger's service name (the function's
 * name, so log lines say which function wrote them) and level.
 */
export function functionRuntimeEnvironment(name: FunctionName, logLevel: string): Record<string, string> {
  return { [ENV.serviceName]: name, [ENV.logLevel]: logLevel };
}
