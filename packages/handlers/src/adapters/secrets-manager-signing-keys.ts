import { GetSecretValueCommand, ResourceNotFoundException, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { PlaybackSigningKeySecret } from "@video-platform/shared-types";
import { PlaybackUnavailableError } from "../core/upload-errors.js";
import type { SigningKeyStore } from "../ports/playback-signer.js";

/** A key is read again after this long, so a rotated key is picked up within minutes. */
export const SIGNING_KEY_CACHE_SECONDS = 5 * 60;
/** "No key yet" is remembered for less: playback starts working soon after the key is stored. */
export const MISSING_KEY_CACHE_SECONDS = 30;

/**
 * The playback signing key from its Secrets Manager secret (`AWSCURRENT`), cached per function
 * instance so a page of signed posters or a player's renewals cost no extra call. A secret created
 * but never filled has no value: that is "no key yet", not an error. A value that is not a key is
 * the operator's mistake, said as such (503), without echoing the secret.
 */
export class SecretsManagerSigningKeys implements SigningKeyStore {
  private cached: { value: PlaybackSigningKeySecret | undefined; until: number } | undefined;

  constructor(
    private readonly secrets: SecretsManagerClient,
    private readonly secretId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async current(): Promise<PlaybackSigningKeySecret | undefined> {
    const now = this.clock().getTime();
    if (this.cached !== undefined && now < this.cached.until) return this.cached.value;
    const value = await this.read();
    const seconds = value === undefined ? MISSING_KEY_CACHE_SECONDS : SIGNING_KEY_CACHE_SECONDS;
    this.cached = { value, until: now + seconds * 1000 };
    return value;
  }

  private async read(): Promise<PlaybackSigningKeySecret | undefined> {
    let text: string | undefined;
    try {
      ({ SecretString: text } = await this.secrets.send(new GetSecretValueCommand({ SecretId: this.secretId })));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
    if (text === undefined || text.trim() === "" || text.trim() === "{}") return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const result = PlaybackSigningKeySecret.safeParse(parsed);
    if (!result.success) {
      throw new PlaybackUnavailableError("playback is not set up in this environment: the playback signing secret does not hold a signing key");
    }
    return result.data;
  }
}
