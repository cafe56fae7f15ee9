import * as z from "zod";
import { outputPrefixOf, type UploadId } from "../upload-key.js";

/**
 * Private playback: a video's files under `/vod/<id>/` are served only with CloudFront signed
 * cookies scoped to that prefix. The cookie path is the prefix too, so the cookies of several
 * videos live side by side in one browser; the player asks for new ones before these expire.
 */

/** How long one grant of playback cookies lasts. */
export const PLAYBACK_COOKIE_LIFETIME_SECONDS = 60 * 60;

/** The cookies CloudFront reads for a custom policy. */
export const PLAYBACK_COOKIE_NAMES = {
  policy: "CloudFront-Policy",
  signature: "CloudFront-Signature",
  keyPairId: "CloudFront-Key-Pair-Id",
} as const;

export interface PlaybackGrantInput {
  /** The origin the player fetches media from, e.g. `https://d111111abcdef8.cloudfront.net`. */
  readonly mediaOrigin: string;
  readonly uploadId: UploadId;
  readonly now: Date;
  readonly lifetimeSeconds?: number;
}

export interface PlaybackGrant {
  /** The custom policy JSON to sign: every file under the video's prefix, until `expiresAt`. */
  readonly policy: string;
  /** `Path` attribute of the three cookies: `/vod/<id>/`. */
  readonly cookiePath: string;
  readonly expiresAt: Date;
}

/** The path one video's playback cookies are for (their `Path`): `/vod/<uuid>/`. */
export function playbackPathOf(uploadId: UploadId): string {
  return `/${outputPrefixOf(uploadId)}`;
}

/** The policy and cookie path of one video's playback grant, for `getSignedCookies({ policy, ... })`. */
export function playbackGrant(input: PlaybackGrantInput): PlaybackGrant {
  const { uploadId, ...rest } = input;
  return pathPlaybackGrant({ ...rest, pathPrefix: playbackPathOf(uploadId) });
}

/**
 * The same grant for any path prefix of the origin (`/vod/<id>/`, a private live channel's
 * `/out/v1/<id>/`): every file under it, until the grant expires.
 */
export function pathPlaybackGrant(input: Omit<PlaybackGrantInput, "uploadId"> & { readonly pathPrefix: string }): PlaybackGrant {
  const origin = new URL(input.mediaOrigin).origin;
  const cookiePath = input.pathPrefix;
  const expiresEpoch = Math.floor(input.now.getTime() / 1000) + (input.lifetimeSeconds ?? PLAYBACK_COOKIE_LIFETIME_SECONDS);
  const policy = JSON.stringify({
    Statement: [{ Resource: `${origin}${cookiePath}*`, Condition: { DateLessThan: { "AWS:EpochTime": expiresEpoch } } }],
  });
  return { policy, cookiePath, expiresAt: new Date(expiresEpoch * 1000) };
}

/**
 * A signing key's name: it names the CloudFront public key (`<namePrefix>-<name>`) in the
 * environment's config and tells the signer which public key id goes in `CloudFront-Key-Pair-Id`.
 */
export const PlaybackKeyName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, "must be 1-63 letters, digits, dashes or underscores, starting with a letter or digit");

/**
 * What the playback signing secret holds (Secrets Manager, JSON). Filled by
 * `pnpm --filter @video-platform/infra run playback-signing-key`; never in the repository,
 * the synthesized Terraform or its state.
 */
export const PlaybackSigningKeySecret = z.object({
  keyName: PlaybackKeyName,
  privateKey: z.string().startsWith("-----BEGIN PRIVATE KEY-----", "must be a PKCS #8 PEM private key"),
});
export type PlaybackSigningKeySecret = z.infer<typeof PlaybackSigningKeySecret>;
