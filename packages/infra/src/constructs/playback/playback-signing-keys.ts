import { createPublicKey } from "node:crypto";
import { CloudfrontKeyGroup } from "@cdktf/provider-aws/lib/cloudfront-key-group";
import { CloudfrontPublicKey } from "@cdktf/provider-aws/lib/cloudfront-public-key";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { PlaybackKeyName } from "@video-platform/shared-types";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { z } from "zod";
import { describeIssues } from "../../zod-issues.js";

/** One public key CloudFront trusts for playback cookies, as the environment's config lists it. */
export const PlaybackPublicKey = z.object({
  name: PlaybackKeyName,
  /** `-----BEGIN PUBLIC KEY-----` PEM, as `playback-signing-key` prints it. */
  publicKeyPem: z.string(),
});
export type PlaybackPublicKey = z.infer<typeof PlaybackPublicKey>;

/** CloudFront's limit on the public keys of one key group. */
export const MAX_KEYS_PER_KEY_GROUP = 5;

export interface PlaybackSigningKeysProps {
  readonly namePrefix: string;
  /** Usually one; two while rotating (the old one until cookies signed with it have expired). */
  readonly publicKeys: readonly PlaybackPublicKey[];
  readonly tags?: Readonly<Record<string, string>>;
}

export class PlaybackKeyConfigError extends Error {
  override readonly name = "PlaybackKeyConfigError";
}

/** The PEM as CloudFront stores it (one trailing newline, so plans show no drift), or a clear refusal. */
export function checkedPublicKeyPem(key: PlaybackPublicKey): string {
  const pem = key.publicKeyPem.trim();
  if (/PRIVATE KEY/.test(pem)) {
    throw new PlaybackKeyConfigError(
      `playback key ${key.name}: this is a private key. Only the public key goes in the configuration; the private key lives in the signing secret.`,
    );
  }
  if (!pem.startsWith("-----BEGIN PUBLIC KEY-----")) {
    throw new PlaybackKeyConfigError(`playback key ${key.name}: publicKeyPem must be a "-----BEGIN PUBLIC KEY-----" PEM`);
  }
  let details: { type?: string; bits?: number };
  try {
    const publicKey = createPublicKey(pem);
    details = { type: publicKey.asymmetricKeyType, bits: publicKey.asymmetricKeyDetails?.modulusLength };
  } catch (error) {
    throw new PlaybackKeyConfigError(`playback key ${key.name}: publicKeyPem is not a readable public key (${(error as Error).message})`);
  }
  if (details.type !== "rsa" || details.bits !== 2048) {
    throw new PlaybackKeyConfigError(
      `playback key ${key.name}: CloudFront signs cookies with RSA 2048 keys; this one is ${details.type ?? "unknown"} ${details.bits ?? ""}`.trim(),
    );
  }
  return `${pem}\n`;
}

/**
 * What signs playback cookies and what CloudFront checks them with. The private key is in a
 * Secrets Manager secret that Terraform creates empty and `playback-signing-key` fills, so it is
 * never in the repository, the synthesized JSON or the Terraform state. The public keys come from
 * the environment's config and form one key group, which the `/vod/*` behaviour trusts.
 *
 * Before the first key exists there is no key group (`keyGroupId` undefined): the first deploy
 * creates the secret, `playback-signing-key` fills it and prints the public key, and the next
 * deploy, with that key in the config, creates the group.
 */
export class PlaybackSigningKeys extends Construct {
  readonly secretArn: string;
  readonly secretName: string;
  /** The key group the `/vod/*` behaviour trusts; undefined until the config lists a key. */
  readonly keyGroupId: string | undefined;
  /** Key name → CloudFront public key id: what the signer puts in `CloudFront-Key-Pair-Id` for the key in the secret. */
  readonly publicKeyIds: Readonly<Record<string, string>>;
  /** `publicKeyIds` as JSON, for a function's environment. */
  readonly publicKeyIdsJson: string;

  constructor(scope: Construct, id: string, props: PlaybackSigningKeysProps) {
    super(scope, id);
    const tags = props.tags ? { ...props.tags } : undefined;
    const names = props.publicKeys.map((key) => {
      const parsed = PlaybackPublicKey.safeParse(key);
      if (parsed.success) return parsed.data.name;
      throw new PlaybackKeyConfigError(`playback key ${String(key.name)}: ${describeIssues(parsed.error)}`);
    });
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined) throw new PlaybackKeyConfigError(`two playback keys are named ${repeated}`);
    if (names.length > MAX_KEYS_PER_KEY_GROUP) {
      throw new PlaybackKeyConfigError(`a key group holds at most ${MAX_KEYS_PER_KEY_GROUP} keys; the config lists ${names.length}`);
    }

    const secret = new SecretsmanagerSecret(this, "Secret", {
      name: `${props.namePrefix}-playback-signing-key`,
      description:
        'Private key that signs playback cookies: {"keyName","privateKey"}. Filled by the playback-signing-key script; its public key is in the CloudFront key group.',
      recoveryWindowInDays: 7,
      tags,
    });
    this.secretArn = secret.arn;
    this.secretName = secret.name;

    const publicKeyIds: Record<string, string> = {};
    for (const key of props.publicKeys) {
      const publicKey = new CloudfrontPublicKey(this, `PublicKey-${key.name}`, {
        name: `${props.namePrefix}-${key.name}`,
        comment: `Playback cookie key ${key.name}`,
        encodedKey: checkedPublicKeyPem(key),
      });
      publicKeyIds[key.name] = publicKey.id;
    }
    this.publicKeyIds = publicKeyIds;
    this.publicKeyIdsJson = Fn.jsonencode(publicKeyIds);

    this.keyGroupId =
      props.publicKeys.length === 0
        ? undefined
        : new CloudfrontKeyGroup(this, "KeyGroup", {
            name: `${props.namePrefix}-playback`,
            comment: "Keys whose signed cookies open /vod/*",
            items: Object.values(publicKeyIds),
          }).id;
  }
}
