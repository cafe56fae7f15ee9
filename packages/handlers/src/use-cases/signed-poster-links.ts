import { posterResourceUrl, posterUrlExpiry } from "../core/poster-url.js";
import { PlaybackUnavailableError } from "../core/upload-errors.js";
import type { PlaybackSigner } from "../ports/playback-signer.js";
import type { SignedMediaLinks } from "./upload-queries.js";

export interface SignedPosterLinksDeps {
  readonly signer: PlaybackSigner;
  /** The origin viewers load media from (`SITE_URL`), as for the playback cookies. */
  readonly siteUrl: string;
}

/**
 * `posterUrl` for a finished video that has a poster: signed with the playback key, for
 * `<SITE_URL>/<posterPath>`, until `posterUrlExpiry`. Where playback is not set up (no key stored,
 * or its public key not deployed) the response goes without it: a library without pictures beats
 * no library, and the playback route says what is missing.
 */
export function signedPosterLinks(deps: SignedPosterLinksDeps): SignedMediaLinks {
  return async (record, now) => {
    if (record.Status !== "COMPLETE" || record.PosterPath === undefined) return {};
    try {
      return { posterUrl: await deps.signer.signedUrl(posterResourceUrl(deps.siteUrl, record.PosterPath), posterUrlExpiry(now)) };
    } catch (error) {
      if (error instanceof PlaybackUnavailableError) return {};
      throw error;
    }
  };
}
