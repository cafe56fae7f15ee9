import { generateKeyPairSync } from "node:crypto";
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import {
  PlaybackKeyConfigError,
  PlaybackSigningKeys,
  type PlaybackPublicKey,
  type PlaybackSigningKeysProps,
} from "../../src/constructs/playback/playback-signing-keys.js";
import { synthConstruct } from "../support/synth-construct.js";
import { onlyResource, ref, resourcesOf } from "../support/terraform-json.js";

function rsaPair(modulusLength = 2048) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength });
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

const current = rsaPair();
const next = rsaPair();

function synthKeys(publicKeys: readonly PlaybackPublicKey[]) {
  return synthConstruct((scope) => {
    const keys = new PlaybackSigningKeys(scope, "playback", { namePrefix: "vp-prod", publicKeys });
    new TerraformOutput(scope, "key_ids", { value: keys.publicKeyIdsJson });
    if (keys.keyGroupId) new TerraformOutput(scope, "key_group", { value: keys.keyGroupId });
    new TerraformOutput(scope, "secret_arn", { value: keys.secretArn });
    return keys;
  });
}

/** The base64 body of a PEM: what would betray the key wherever it appeared, whatever the line breaks. */
const bodyOf = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");

describe("PlaybackSigningKeys", () => {
  it("creates the signing secret empty: no value, no private key anywhere in the synthesized JSON", () => {
    const { stack } = synthKeys([{ name: "key-2030-01", publicKeyPem: current.publicKeyPem }]);
    const text = JSON.stringify(stack);
    expect(onlyResource(stack, "aws_secretsmanager_secret").config).toMatchObject({
      name: "vp-prod-playback-signing-key",
      recovery_window_in_days: 7,
    });
    expect(resourcesOf(stack, "aws_secretsmanager_secret_version")).toEqual([]);
    expect(text).not.toMatch(/PRIVATE KEY/);
    const privateBody = bodyOf(current.privateKeyPem);
    for (let start = 0; start + 64 <= privateBody.length; start += 64) {
      expect(text.replace(/\\n/g, "")).not.toContain(privateBody.slice(start, start + 64));
    }
  });

  it("makes each configured public key a CloudFront public key and puts them all in one key group", () => {
    const { stack } = synthKeys([
      { name: "key-2030-01", publicKeyPem: current.publicKeyPem },
      { name: "key-2030-07", publicKeyPem: `\n${next.publicKeyPem.trim()}` },
    ]);
    const keys = resourcesOf(stack, "aws_cloudfront_public_key");
    expect(keys.map((key) => key.config.name).sort()).toEqual(["vp-prod-key-2030-01", "vp-prod-key-2030-07"]);
    const byName = (name: string) => keys.find((key) => key.config.name === `vp-prod-${name}`)!;
    // One trailing newline, as CloudFront returns the key: no drift in plans.
    expect(byName("key-2030-01").config.encoded_key).toBe(current.publicKeyPem.trim() + "\n");
    expect(byName("key-2030-07").config.encoded_key).toBe(next.publicKeyPem.trim() + "\n");
    const group = onlyResource(stack, "aws_cloudfront_key_group");
    expect(group.config).toMatchObject({ name: "vp-prod-playback" });
    expect([...(group.config.items as string[])].sort()).toEqual(keys.map((key) => ref(key, "id")).sort());
    expect(stack.output?.key_group?.value).toBe(ref(group, "id"));
    expect(stack.output?.secret_arn?.value).toBe(ref(onlyResource(stack, "aws_secretsmanager_secret"), "arn"));
  });

  it("maps each key name to its CloudFront public key id, for the signer's environment", () => {
    const { stack, built } = synthKeys([
      { name: "key-2030-01", publicKeyPem: current.publicKeyPem },
      { name: "key-2030-07", publicKeyPem: next.publicKeyPem },
    ]);
    expect(Object.keys(built.publicKeyIds).sort()).toEqual(["key-2030-01", "key-2030-07"]);
    const keyId = (name: string) =>
      ref(resourcesOf(stack, "aws_cloudfront_public_key").find((key) => key.config.name === `vp-prod-${name}`)!, "id");
    const rendered = String(stack.output?.key_ids?.value);
    expect(rendered).toContain("jsonencode(");
    expect(rendered).toContain(`"key-2030-01" = ${keyId("key-2030-01").slice(2, -1)}`);
    expect(rendered).toContain(`"key-2030-07" = ${keyId("key-2030-07").slice(2, -1)}`);
  });

  it("has no key group before the first key is configured, but already the secret to fill", () => {
    const { stack, built } = synthKeys([]);
    expect(built.keyGroupId).toBeUndefined();
    expect(resourcesOf(stack, "aws_cloudfront_key_group")).toEqual([]);
    expect(resourcesOf(stack, "aws_secretsmanager_secret")).toHaveLength(1);
  });

  it("refuses a private key pasted into the config, naming the key", () => {
    expect(() => synthKeys([{ name: "oops", publicKeyPem: current.privateKeyPem }])).toThrow(
      new PlaybackKeyConfigError(
        "playback key oops: this is a private key. Only the public key goes in the configuration; the private key lives in the signing secret.",
      ),
    );
  });

  it("refuses what CloudFront would refuse: not a PEM, not RSA 2048, bad names, repeats, more than five keys", () => {
    const build = (props: Partial<PlaybackSigningKeysProps>) => () => {
      const stack = new TerraformStack(Testing.app(), "t");
      new PlaybackSigningKeys(stack, "p", { namePrefix: "vp", publicKeys: [], ...props });
    };
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString();
    const cases: [PlaybackPublicKey[], RegExp][] = [
      [[{ name: "k", publicKeyPem: "hello" }], /must be a "-----BEGIN PUBLIC KEY-----" PEM/],
      [[{ name: "k", publicKeyPem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" }], /not a readable public key/],
      [[{ name: "k", publicKeyPem: ec }], /RSA 2048 keys; this one is ec/],
      [[{ name: "k", publicKeyPem: rsaPair(3072).publicKeyPem }], /this one is rsa 3072/],
      [[{ name: "key one", publicKeyPem: current.publicKeyPem }], /playback key key one: name must be/],
      [
        [
          { name: "k", publicKeyPem: current.publicKeyPem },
          { name: "k", publicKeyPem: next.publicKeyPem },
        ],
        /two playback keys are named k/,
      ],
      [Array.from({ length: 6 }, (_, index) => ({ name: `k${index}`, publicKeyPem: current.publicKeyPem })), /at most 5 keys/],
    ];
    for (const [publicKeys, message] of cases) expect(build({ publicKeys }), String(message)).toThrow(message);
  });
});
