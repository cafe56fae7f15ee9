import { generateKeyPairSync } from "node:crypto";
import type { PlaybackSigningKeySecret } from "@video-platform/shared-types";
import type { SigningKeyStore } from "../../src/ports/playback-signer.js";

/** An RSA 2048 key pair as the signing-key script makes one: the secret's value and the public key CloudFront trusts. */
export function playbackKeyPair(keyName: string): { secret: PlaybackSigningKeySecret; publicKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    secret: { keyName, privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() },
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** A `SigningKeyStore` holding what the test put in it (nothing at first). */
export function storeHolding(secret?: PlaybackSigningKeySecret): SigningKeyStore & { secret?: PlaybackSigningKeySecret } {
  const store: SigningKeyStore & { secret?: PlaybackSigningKeySecret } = {
    ...(secret ? { secret } : {}),
    current: async () => store.secret,
  };
  return store;
}
