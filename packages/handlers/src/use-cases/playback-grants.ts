import {
  PLAYBACK_RENEW_MARGIN_SECONDS,
  pathPlaybackGrant,
  playbackGrant,
  type Caller,
  type LivePlaybackResponse,
  type PlaybackGrant,
  type PlaybackGrantResponse,
} from "@video-platform/shared-types";
import { ownedUpload } from "../core/ownership.js";
import { UploadStateConflictError } from "../core/upload-errors.js";
import type { PlaybackSigner, SignedCookieValues } from "../ports/playback-signer.js";
import type { UploadTable } from "../ports/upload-table.js";

export interface PlaybackGrantsDeps {
  readonly table: UploadTable;
  readonly signer: PlaybackSigner;
  /** The origin viewers load media from (`SITE_URL`): the cookies' policy names files under it. */
  readonly siteUrl: string;
  /** The live channel's path prefix when it is private; "" when live is public. */
  readonly privateLivePathPrefix: string;
  readonly clock?: () => Date;
}

/** A grant's answer: the cookies (as `Set-Cookie` values) and what they open until when. */
export interface PlaybackCookies<B> {
  readonly cookies: readonly string[];
  readonly body: B;
}

/**
 * One `Set-Cookie` per signed cookie, scoped to the granted prefix. `HttpOnly` keeps them from
 * scripts, `SameSite=Strict` from other sites' requests; they expire with the policy.
 */
export function setCookieValues(values: SignedCookieValues, grant: PlaybackGrant, now: Date): string[] {
  const maxAge = Math.max(0, Math.floor((grant.expiresAt.getTime() - now.getTime()) / 1000));
  return Object.entries(values).map(
    ([name, value]) => `${name}=${value}; Path=${grant.cookiePath}; Max-Age=${maxAge}; Secure; HttpOnly; SameSite=Strict`,
  );
}

/** `POST /api/videos/{uploadId}/playback` and `POST /api/live/playback`: CloudFront signed cookies. */
export class PlaybackGrants {
  private readonly clock: () => Date;

  constructor(private readonly deps: PlaybackGrantsDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** The owner or an admin may watch a finished video; anyone else is told it does not exist. */
  async video(caller: Caller, uploadIdInput: string | undefined): Promise<PlaybackCookies<PlaybackGrantResponse>> {
    const { uploadId, record } = await ownedUpload((key) => this.deps.table.get(key), caller, uploadIdInput);
    if (record.Status !== "COMPLETE") {
      throw new UploadStateConflictError(`upload ${uploadId} is ${record.Status}: only a COMPLETE video can be played`);
    }
    const now = this.clock();
    return this.grant(playbackGrant({ mediaOrigin: this.deps.siteUrl, uploadId, now }), now);
  }

  /** Any signed-in caller may watch the live channel; when it is public there is nothing to grant. */
  async live(): Promise<PlaybackCookies<LivePlaybackResponse> | { readonly cookies?: undefined; readonly body: LivePlaybackResponse }> {
    if (this.deps.privateLivePathPrefix === "") return { body: { pathPrefix: null } };
    const now = this.clock();
    return this.grant(pathPlaybackGrant({ mediaOrigin: this.deps.siteUrl, pathPrefix: this.deps.privateLivePathPrefix, now }), now);
  }

  private async grant(grant: PlaybackGrant, now: Date): Promise<PlaybackCookies<PlaybackGrantResponse>> {
    const values = await this.deps.signer.cookiesFor(grant.policy);
    const renewAt = new Date(grant.expiresAt.getTime() - PLAYBACK_RENEW_MARGIN_SECONDS * 1000);
    return {
      cookies: setCookieValues(values, grant, now),
      body: { pathPrefix: grant.cookiePath, expiresAt: grant.expiresAt.toISOString(), renewAt: renewAt.toISOString() },
    };
  }
}
