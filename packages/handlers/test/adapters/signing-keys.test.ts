import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MISSING_KEY_CACHE_SECONDS,
  SIGNING_KEY_CACHE_SECONDS,
  SecretsManagerSigningKeys,
} from "../../src/adapters/secrets-manager-signing-keys.js";
import { PlaybackUnavailableError } from "../../src/core/upload-errors.js";
import { startHandlerEnvironment, type HandlerTestEnvironment } from "../support/aws-environment.js";
import { playbackKeyPair } from "../support/playback-keys.js";

/** The signing key store on moto's Secrets Manager, with a clock the test moves. */
describe("SecretsManagerSigningKeys (on moto)", () => {
  let environment: HandlerTestEnvironment;
  let secrets: SecretsManagerClient;

  beforeAll(async () => {
    environment = await startHandlerEnvironment();
    secrets = new SecretsManagerClient({});
  });

  afterAll(async () => {
    secrets?.destroy();
    await environment?.stop();
  });

  async function emptySecret(name: string) {
    // As Terraform creates it: a secret with no value until the signing-key script fills it.
    await secrets.send(new CreateSecretCommand({ Name: name }));
    const clock = { now: new Date("2026-01-01T00:00:00Z") };
    const keys = new SecretsManagerSigningKeys(secrets, name, () => clock.now);
    const advance = (seconds: number) => (clock.now = new Date(clock.now.getTime() + seconds * 1000));
    const fill = (value: string) => secrets.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
    return { keys, advance, fill };
  }

  it("has no key while the secret is empty, and picks the key up soon after it is stored", async () => {
    const { keys, advance, fill } = await emptySecret("playback-empty-then-filled");
    expect(await keys.current()).toBeUndefined();
    const { secret } = playbackKeyPair("key-2026");
    await fill(JSON.stringify(secret));
    expect(await keys.current()).toBeUndefined();
    advance(MISSING_KEY_CACHE_SECONDS);
    expect(await keys.current()).toEqual(secret);
  });

  it("keeps a key for minutes, then reads the rotated one", async () => {
    const { keys, advance, fill } = await emptySecret("playback-rotated");
    const [first, second] = [playbackKeyPair("key-a").secret, playbackKeyPair("key-b").secret];
    await fill(JSON.stringify(first));
    expect(await keys.current()).toEqual(first);
    await fill(JSON.stringify(second));
    advance(SIGNING_KEY_CACHE_SECONDS - 1);
    expect(await keys.current()).toEqual(first);
    advance(1);
    expect(await keys.current()).toEqual(second);
  });

  it("answers a secret that does not exist as no key, and one that holds no key as the operator's mistake", async () => {
    expect(await new SecretsManagerSigningKeys(secrets, "playback-never-created").current()).toBeUndefined();
    const { keys, fill } = await emptySecret("playback-wrong-value");
    await fill(JSON.stringify({ keyName: "k", privateKey: "not a PEM" }));
    const error = await keys.current().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PlaybackUnavailableError);
    expect((error as Error).message).toMatch(/does not hold a signing key/);
    expect((error as Error).message).not.toContain("not a PEM");
  });
});
