import { execFile } from "node:child_process";
import { createPrivateKey, createPublicKey, createSign, createVerify } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { startMotoServer, type RunningMotoServer } from "@video-platform/aws-emulator";
import { PLAYBACK_COOKIE_LIFETIME_SECONDS, PlaybackSigningKeySecret } from "@video-platform/shared-types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../scripts/playback-signing-key.js";

const script = fileURLToPath(new URL("../../scripts/playback-signing-key.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

let moto: RunningMotoServer;
let secrets: SecretsManagerClient;
let secretName: string;
let counter = 0;
const savedEnv = { ...process.env };

beforeAll(async () => {
  moto = await startMotoServer();
  // The script uses the SDK's standard chain: these stand for an operator's profile.
  Object.assign(process.env, moto.env);
  secrets = new SecretsManagerClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
});

beforeEach(async () => {
  // As Terraform creates it: a secret with no value.
  secretName = `vp-test-playback-signing-key-${++counter}`;
  await secrets.send(new CreateSecretCommand({ Name: secretName }));
});

afterAll(async () => {
  process.env = savedEnv;
  secrets?.destroy();
  await moto?.stop();
});

async function storedKey(stage = "AWSCURRENT"): Promise<PlaybackSigningKeySecret> {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretName, VersionStage: stage }));
  return PlaybackSigningKeySecret.parse(JSON.parse(SecretString ?? "null"));
}

function publicKeyPrinted(output: string): string {
  const match = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/.exec(output);
  if (!match) throw new Error(`no public key in:\n${output}`);
  return match[0];
}

/** Whether the stored private key and the printed public key are one pair. */
function arePair(privateKeyPem: string, publicKeyPem: string): boolean {
  const signature = createSign("RSA-SHA1").update("policy").sign(createPrivateKey(privateKeyPem));
  return createVerify("RSA-SHA1").update("policy").verify(createPublicKey(publicKeyPem), signature);
}

describe("playback-signing-key", () => {
  it("fills an empty secret with a current RSA 2048 key and prints only its public half and the config entry", async () => {
    const output = await main(["generate", "--secret", secretName, "--key-name", "key-1"]);
    const stored = await storedKey();
    expect(stored.keyName).toBe("key-1");
    expect(createPrivateKey(stored.privateKey).asymmetricKeyDetails?.modulusLength).toBe(2048);
    const printed = publicKeyPrinted(output);
    expect(arePair(stored.privateKey, printed)).toBe(true);
    expect(output).not.toMatch(/PRIVATE KEY/);
    expect(output).toContain(`{ name: "key-1", publicKeyPem: ${JSON.stringify(`${printed}\n`)} },`);
    expect(output).toMatch(/as the current signing key/);
  });

  it("stores a second key as pending, so the current one keeps signing until promote", async () => {
    await main(["generate", "--secret", secretName, "--key-name", "key-1"]);
    const output = await main(["generate", "--secret", secretName, "--key-name", "key-2"]);
    expect(output).toMatch(/PENDING.*key-1 still signs/);
    expect(output).toMatch(/promote --secret/);
    expect((await storedKey()).keyName).toBe("key-1");
    expect((await storedKey("AWSPENDING")).keyName).toBe("key-2");

    const promoted = await main(["promote", "--secret", secretName]);
    expect(promoted).toMatch(/key-2 now signs/);
    expect(promoted).toMatch(/remove key-1/);
    // The old key may go only once every cookie it signed has expired.
    expect(promoted).toContain(`In ${PLAYBACK_COOKIE_LIFETIME_SECONDS / 60} minutes, remove key-1`);
    expect(output).toContain(`${PLAYBACK_COOKIE_LIFETIME_SECONDS / 60} minutes after that (the cookies' lifetime), remove key-1`);
    expect((await storedKey()).keyName).toBe("key-2");
    expect((await storedKey("AWSPREVIOUS")).keyName).toBe("key-1");
    const { VersionIdsToStages } = await secrets.send(new DescribeSecretCommand({ SecretId: secretName }));
    expect(Object.values(VersionIdsToStages ?? {}).flat()).not.toContain("AWSPENDING");
  });

  it("refuses to reuse a key name, to promote nothing, a secret that does not exist and a bad name", async () => {
    await main(["generate", "--secret", secretName, "--key-name", "key-1"]);
    await expect(main(["generate", "--secret", secretName, "--key-name", "key-1"])).rejects.toThrow(/already holds a key named key-1/);
    await expect(main(["promote", "--secret", secretName])).rejects.toThrow(/no pending key/);
    await expect(main(["generate", "--secret", "no-such-secret", "--key-name", "k"])).rejects.toThrow(/not found: deploy the environment first/);
    await expect(main(["generate", "--secret", secretName, "--key-name", "key one"])).rejects.toThrow(/--key-name key one/);
    await expect(main(["rotate", "--secret", secretName])).rejects.toThrow(/usage:/);
  });

  it("runs as a command: prints the public key, writes no file, and fails with a plain message", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "signing-key-"));
    try {
      const run = (args: string[]) => promisify(execFile)(tsx, [script, ...args], { cwd, env: { ...process.env, ...moto.env } });
      const { stdout, stderr } = await run(["--", "generate", "--secret", secretName, "--key-name", "cli-key"]);
      expect(stdout).toContain("-----BEGIN PUBLIC KEY-----");
      expect(`${stdout}${stderr}`).not.toMatch(/PRIVATE KEY/);
      expect(arePair((await storedKey()).privateKey, publicKeyPrinted(stdout))).toBe(true);
      expect(readdirSync(cwd)).toEqual([]);
      await expect(run(["generate", "--secret", "no-such-secret"])).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^secret no-such-secret not found/),
      });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
