import type { UploadQuota } from "../access/upload-quota.js";

/**
 * Where the platform's resources are, as the topology's builders receive them: Terraform
 * references in infra (resolved at apply), plain names in the local platform. Strings only, so
 * a builder can put them into a variable or a pattern but never look inside them.
 */
export interface PlatformResources {
  /** Stamped on every MediaConvert job as `userMetadata.platform`; the job-state rule listens for it alone. */
  readonly platformId: string;
  /** Name of the bucket uploads go to. */
  readonly rawBucket: string;
  /** Name of the bucket the HLS output goes to (the CDN's media origin). */
  readonly processedBucket: string;
  /** Name of the status table. */
  readonly statusTable: string;
  /** The role MediaConvert assumes for this platform's jobs. */
  readonly transcodingRoleArn: string;
  /** The environment's own MediaConvert queue: its jobs go there, and only there. */
  readonly mediaConvertQueueArn: string;
  /**
   * Where viewers open the platform: the distribution's `https://` URL (the local static front's
   * URL in `pnpm dev`). Playback cookies are signed for files under it.
   */
  readonly siteUrl: string;
  /** Name or ARN of the Secrets Manager secret holding the playback signing key (`PlaybackSigningKeySecret`). */
  readonly playbackSigningSecret: string;
  /** JSON object: each playback key's name → the CloudFront public key id (`CloudFront-Key-Pair-Id`) it signs for. */
  readonly playbackPublicKeyIds: string;
  /** The live channel's path prefix when its playback needs cookies too (e.g. `/out/v1/<id>/`); "" when live is public or off. */
  readonly privateLivePathPrefix: string;
}

/** Per-environment limits the functions enforce. */
export interface PlatformLimits {
  /** Largest upload accepted, in bytes. */
  readonly maxUploadBytes: number;
  /** Longest upload `TriggerMediaConvert` transcodes, in seconds; longer ones end in ERROR unsubmitted. */
  readonly maxSourceDurationSeconds: number;
  /** Each person's limits: unfinished uploads at once, bytes started per UTC day. */
  readonly uploadQuota: UploadQuota;
}
