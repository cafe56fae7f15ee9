import {
  DEFAULT_MAX_DURATION_SECONDS,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_UPLOAD_QUOTA,
  type PlatformLimits,
  type PlatformResources,
} from "@video-platform/shared-types";

/** The resources whose values exist only once the platform runs: its origin and its signing key. */
export type RuntimeResourceName = "siteUrl" | "playbackPublicKeyIds" | "privateLivePathPrefix";

/**
 * What the local platform's resources are called in moto, and where it runs: the names the
 * topology's builders receive here (infra gives them Terraform references instead). The site's
 * origin, the signing key's id and the live channel's privacy are added at start (`localWiring`).
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
  /** The secret in moto's Secrets Manager that holds the local signing key, as on AWS. */
  playbackSigningSecret: "video-platform-local/playback-signing-key",
} as const satisfies Omit<PlatformResources, RuntimeResourceName> & { readonly region: string; readonly accountId: string };

/** moto takes any credentials: these are the ones every local client and function process uses. */
export const LOCAL_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" } as const;

/** What every SDK client of the local platform is given: moto's endpoint, the local region and credentials. */
export function motoClientConfig(endpoint: string) {
  return { endpoint, region: LOCAL_RESOURCES.region, credentials: LOCAL_CREDENTIALS };
}

/** The limits of `pnpm dev`: the defaults every environment starts with. Tests pass their own. */
export const LOCAL_LIMITS: PlatformLimits = {
  maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
  maxSourceDurationSeconds: DEFAULT_MAX_DURATION_SECONDS,
  uploadQuota: DEFAULT_UPLOAD_QUOTA,
};
