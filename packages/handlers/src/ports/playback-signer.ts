import type { PlaybackSigningKeySecret } from "@video-platform/shared-types";

/** CloudFront's signed cookies for one policy: cookie name → value. */
export type SignedCookieValues = Readonly<Record<string, string>>;

/**
 * Signs what private media needs, with the environment's playback key. Both methods refuse with
 * `PlaybackUnavailableError` while no key is usable.
 */
export interface PlaybackSigner {
  /** `CloudFront-Policy`, `CloudFront-Signature`, `CloudFront-Key-Pair-Id` for a custom policy. */
  cookiesFor(policy: string): Promise<SignedCookieValues>;
  /** `url` signed with a canned policy that ends at `expiresAt` (posters and other stills). */
  signedUrl(url: string, expiresAt: Date): Promise<string>;
}

/** Where the playback signing key is kept (a Secrets Manager secret); undefined while it holds none. */
export interface SigningKeyStore {
  current(): Promise<PlaybackSigningKeySecret | undefined>;
}
