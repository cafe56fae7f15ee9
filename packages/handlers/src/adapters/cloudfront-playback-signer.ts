import { getSignedCookies, getSignedUrl } from "@aws-sdk/cloudfront-signer";
import { playbackSigningKeyOf } from "../core/playback-key.js";
import type { PlaybackSigner, SignedCookieValues, SigningKeyStore } from "../ports/playback-signer.js";

/**
 * `PlaybackSigner` with `@aws-sdk/cloudfront-signer` (the signing CloudFront documents, kept by
 * AWS) and the key from the store; the public key id is the one the environment's config deployed
 * under the key's name.
 */
export class CloudFrontPlaybackSigner implements PlaybackSigner {
  constructor(
    private readonly keys: SigningKeyStore,
    private readonly publicKeyIds: Readonly<Record<string, string>>,
  ) {}

  async cookiesFor(policy: string): Promise<SignedCookieValues> {
    const { keyPairId, privateKey } = playbackSigningKeyOf(await this.keys.current(), this.publicKeyIds);
    const cookies = getSignedCookies({ policy, keyPairId, privateKey });
    return Object.fromEntries(
      Object.entries(cookies).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])),
    );
  }

  async signedUrl(url: string, expiresAt: Date): Promise<string> {
    const { keyPairId, privateKey } = playbackSigningKeyOf(await this.keys.current(), this.publicKeyIds);
    return getSignedUrl({ url, keyPairId, privateKey, dateLessThan: expiresAt.toISOString() });
  }
}
