/**
 * `pnpm --filter @video-platform/infra run playback-signing-key -- <command> --secret <name|arn> [options]`
 *
 * Fills the playback signing secret that `PlaybackSigningKeys` creates empty. The private key is
 * made in memory and goes only to Secrets Manager: never to disk, stdout or Terraform.
 *
 *   generate --secret S [--key-name K]
 *     Makes an RSA 2048 key pair and stores `{ keyName, privateKey }` in S. When S holds no key
 *     yet, the new one is current at once. When it does (a rotation), the new one is stored as
 *     AWSPENDING: the signer keeps using the current key until `promote`. Prints the public key
 *     and the config entry that makes CloudFront trust it.
 *   promote --secret S
 *     Makes the pending key current (the old one becomes AWSPREVIOUS). Run it once the new public
 *     key is deployed in the key group.
 *
 * Options: --region (else AWS_REGION), --endpoint (else the SDK's AWS_ENDPOINT_URL...). Credentials
 * come from the SDK's standard chain.
 */
import { generateKeyPairSync } from "node:crypto";
import { parseArgs } from "node:util";
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { PLAYBACK_COOKIE_LIFETIME_SECONDS, PlaybackKeyName, PlaybackSigningKeySecret } from "@video-platform/shared-types";
import { runAsOperatorCommand } from "./operator-command.js";

export class SigningKeyScriptError extends Error {
  override readonly name = "SigningKeyScriptError";
}

const CURRENT = "AWSCURRENT";
const PENDING = "AWSPENDING";
/** How long cookies signed with a replaced key stay valid: until then, CloudFront must keep trusting it. */
const COOKIE_LIFETIME = `${PLAYBACK_COOKIE_LIFETIME_SECONDS / 60} minutes`;

interface Stages {
  readonly current?: string;
  readonly pending?: string;
}

async function stagesOf(client: SecretsManagerClient, secretId: string): Promise<Stages> {
  try {
    const { VersionIdsToStages: versions = {} } = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
    const find = (stage: string) => Object.entries(versions).find(([, stages]) => stages.includes(stage))?.[0];
    return { current: find(CURRENT), pending: find(PENDING) };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      throw new SigningKeyScriptError(
        `secret ${secretId} not found: deploy the environment first (it creates the secret empty), and check --region`,
      );
    }
    throw error;
  }
}

/** The key name stored in one version; the private key is parsed and dropped, never shown. */
async function keyNameOf(client: SecretsManagerClient, secretId: string, versionStage: string): Promise<string> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: versionStage }));
  const parsed = PlaybackSigningKeySecret.safeParse(JSON.parse(SecretString ?? "null"));
  if (!parsed.success) throw new SigningKeyScriptError(`secret ${secretId} (${versionStage}) does not hold a playback signing key`);
  return parsed.data.keyName;
}

export interface GenerateResult {
  readonly keyName: string;
  readonly publicKeyPem: string;
  readonly stage: typeof CURRENT | typeof PENDING;
  readonly currentKeyName?: string;
}

export async function generateSigningKey(client: SecretsManagerClient, secretId: string, keyName: string): Promise<GenerateResult> {
  const name = PlaybackKeyName.safeParse(keyName);
  if (!name.success) throw new SigningKeyScriptError(`--key-name ${keyName}: ${name.error.issues[0]?.message}`);
  const stages = await stagesOf(client, secretId);
  const currentKeyName = stages.current ? await keyNameOf(client, secretId, CURRENT) : undefined;
  const pendingKeyName = stages.pending ? await keyNameOf(client, secretId, PENDING) : undefined;
  if (keyName === currentKeyName || keyName === pendingKeyName) {
    throw new SigningKeyScriptError(`the secret already holds a key named ${keyName}: a new key needs a new name`);
  }

  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const stage = stages.current ? PENDING : CURRENT;
  const value: PlaybackSigningKeySecret = { keyName, privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
  await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(value), VersionStages: [stage] }));
  return {
    keyName,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    stage,
    ...(currentKeyName ? { currentKeyName } : {}),
  };
}

export async function promotePendingKey(client: SecretsManagerClient, secretId: string): Promise<{ keyName: string; previousKeyName?: string }> {
  const stages = await stagesOf(client, secretId);
  if (!stages.pending) throw new SigningKeyScriptError(`secret ${secretId} has no pending key: run generate first`);
  const keyName = await keyNameOf(client, secretId, PENDING);
  const previousKeyName = stages.current ? await keyNameOf(client, secretId, CURRENT) : undefined;
  await client.send(
    new UpdateSecretVersionStageCommand({
      SecretId: secretId,
      VersionStage: CURRENT,
      MoveToVersionId: stages.pending,
      ...(stages.current ? { RemoveFromVersionId: stages.current } : {}),
    }),
  );
  await client.send(new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: PENDING, RemoveFromVersionId: stages.pending }));
  return { keyName, ...(previousKeyName ? { previousKeyName } : {}) };
}

function configEntry(result: GenerateResult): string {
  return `{ name: ${JSON.stringify(result.keyName)}, publicKeyPem: ${JSON.stringify(result.publicKeyPem)} },`;
}

function report(result: GenerateResult): string {
  const lines = [
    result.stage === CURRENT
      ? `Stored key ${result.keyName} as the current signing key.`
      : `Stored key ${result.keyName} as the PENDING signing key; ${result.currentKeyName} still signs.`,
    "",
    "Public key:",
    result.publicKeyPem.trim(),
    "",
    "Add to the environment's playbackPublicKeys in packages/infra/src/config.ts, then deploy:",
    `  ${configEntry(result)}`,
  ];
  if (result.stage === PENDING) {
    lines.push(
      "",
      "Once deployed (CloudFront then trusts both keys), make the new key the signer:",
      "  pnpm --filter @video-platform/infra run playback-signing-key -- promote --secret <the same secret>",
      `${COOKIE_LIFETIME} after that (the cookies' lifetime), remove ${result.currentKeyName} from the config and deploy again.`,
    );
  }
  return lines.join("\n");
}

const USAGE = "usage: playback-signing-key <generate|promote> --secret <name|arn> [--key-name <name>] [--region <region>] [--endpoint <url>]";

export async function main(argv: readonly string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      secret: { type: "string" },
      "key-name": { type: "string" },
      region: { type: "string" },
      endpoint: { type: "string" },
    },
  });
  const command = positionals[0];
  if ((command !== "generate" && command !== "promote") || positionals.length !== 1 || !values.secret) {
    throw new SigningKeyScriptError(USAGE);
  }
  const client = new SecretsManagerClient({
    ...(values.region ? { region: values.region } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  });
  try {
    if (command === "promote") {
      const promoted = await promotePendingKey(client, values.secret);
      return [
        `Key ${promoted.keyName} now signs playback cookies.`,
        ...(promoted.previousKeyName
          ? [`In ${COOKIE_LIFETIME}, remove ${promoted.previousKeyName} from playbackPublicKeys and deploy: its cookies will all have expired.`]
          : []),
      ].join("\n");
    }
    const keyName = values["key-name"] ?? `key-${new Date().toISOString().slice(0, 10).replace(/-/g, "")}`;
    return report(await generateSigningKey(client, values.secret, keyName));
  } finally {
    client.destroy();
  }
}

runAsOperatorCommand(import.meta.url, main, SigningKeyScriptError);
