/**
 * The local playback signing key: what an operator does once per environment on AWS (generate a
 * key pair, put the private key in the signing secret, list the public key in the distribution's
 * key group), done at every start of `pnpm dev`.
 *
 *   provisionLocalSigningKey(secretsManager, secretName) → Promise<LocalSigningKey>
 *     Makes an RSA 2048 key pair in memory and stores `{ keyName, privateKey }` (the
 *     `PlaybackSigningKeySecret` schema) in moto's Secrets Manager, where QueryUploadStatus reads
 *     it as on AWS. Returns the public half: the id the static front trusts, and the name → id map
 *     QueryUploadStatus gets as `PLAYBACK_PUBLIC_KEY_IDS`.
 *
 * A fresh key per start: moto starts empty anyway, and cookies from a previous run stop working,
 * as they would after a key rotation.
 */
import { createHash, generateKeyPairSync } from "node:crypto";
import { CreateSecretCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { PlaybackSigningKeySecret } from "@video-platform/shared-types";

export interface LocalSigningKey {
  /** The key's name in the secret (what `PLAYBACK_PUBLIC_KEY_IDS` maps). */
  readonly keyName: string;
  /** Its public key's id, as CloudFront would give it: `CloudFront-Key-Pair-Id`. */
  readonly keyPairId: string;
  readonly publicKeyPem: string;
  /** `PLAYBACK_PUBLIC_KEY_IDS` of this platform. */
  readonly publicKeyIds: Readonly<Record<string, string>>;
  /** The static front's trusted key group: key pair id → public key. */
  readonly trustedKeys: Readonly<Record<string, string>>;
}

export const LOCAL_SIGNING_KEY_NAME = "local";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** An id shaped like CloudFront's public key ids (`K` and 13 upper-case letters or digits), derived from the key. */
export function publicKeyIdOf(publicKeyPem: string): string {
  const digest = createHash("sha256").update(publicKeyPem).digest();
  let id = "K";
  for (let i = 0; id.length < 14; i += 1) id += BASE32[(digest[i] ?? 0) % 32];
  return id;
}

export async function provisionLocalSigningKey(secretsManager: SecretsManagerClient, secretName: string): Promise<LocalSigningKey> {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const secret = PlaybackSigningKeySecret.parse({
    keyName: LOCAL_SIGNING_KEY_NAME,
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  });
  await secretsManager.send(new CreateSecretCommand({ Name: secretName, SecretString: JSON.stringify(secret) }));
  const keyPairId = publicKeyIdOf(publicKeyPem);
  return {
    keyName: secret.keyName,
    keyPairId,
    publicKeyPem,
    publicKeyIds: { [secret.keyName]: keyPairId },
    trustedKeys: { [keyPairId]: publicKeyPem },
  };
}
