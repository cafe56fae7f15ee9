import type { PlaybackSigningKeySecret } from "@video-platform/shared-types";
import { PlaybackUnavailableError } from "./upload-errors.js";

/** The key cookies are signed with, and the CloudFront public key id that goes in `CloudFront-Key-Pair-Id`. */
export interface PlaybackSigningKey {
  readonly keyPairId: string;
  readonly privateKey: string;
}

/**
 * The signing key to use, or a 503 that tells the operator what is missing: the secret holds no
 * key yet (`playback-signing-key generate`), or the key it holds is not yet a public key
 * CloudFront trusts here (its name is not in `PLAYBACK_PUBLIC_KEY_IDS`: deploy the config entry).
 */
export function playbackSigningKeyOf(
  secret: PlaybackSigningKeySecret | undefined,
  publicKeyIds: Readonly<Record<string, string>>,
): PlaybackSigningKey {
  if (secret === undefined) {
    throw new PlaybackUnavailableError(
      "playback is not set up in this environment: the playback signing secret holds no key yet (run the playback-signing-key script)",
    );
  }
  const keyPairId = publicKeyIds[secret.keyName];
  if (keyPairId === undefined) {
    throw new PlaybackUnavailableError(
      `playback is not set up in this environment: signing key ${secret.keyName} is not deployed as a CloudFront public key yet`,
    );
  }
  return { keyPairId, privateKey: secret.privateKey };
}
