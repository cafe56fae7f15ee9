import type { PlatformLimits, PlatformResources } from "@video-platform/shared-types";

/** Limits small enough to recognise in a function's environment. */
export const TEST_LIMITS: PlatformLimits = {
  maxUploadBytes: 1024,
  maxSourceDurationSeconds: 5400,
  uploadQuota: { maxOpenUploads: 3, maxBytesPerDay: 4096 },
};

export const TEST_SIGNING_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:vp-playback-signing-key-AbCdEf";

/** The resources accounts and playback add, as plain values for construct tests. */
export const TEST_PLAYBACK_RESOURCES = {
  siteUrl: "https://d111111abcdef8.cloudfront.net",
  playbackSigningSecret: TEST_SIGNING_SECRET_ARN,
  playbackPublicKeyIds: "{}",
  privateLivePathPrefix: "",
} as const satisfies Pick<PlatformResources, "siteUrl" | "playbackSigningSecret" | "playbackPublicKeyIds" | "privateLivePathPrefix">;
