import {
  PLAYBACK_COOKIE_NAMES,
  PLAYBACK_RENEW_MARGIN_SECONDS,
  UploadId,
  pathPlaybackGrant,
  playbackGrant,
  playbackPathOf,
  type Caller,
  type LivePlaybackResponse,
  type PlaybackEndedResponse,
  type PlaybackGrant,
  type PlaybackGrantResponse,
} from "@video-platform/shared-types";
import { ownedUpload } from "../core/ownership.js";
import { validateInput } from "../core/request-input.js";
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

/** One `Set-Cookie`: `HttpOnly` keeps it from scripts, `SameSite=Strict` from other sites' requests. */
function setCookie(name: string, value: string, path: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=${path}; Max-Age=${maxAgeSeconds}; Secure; HttpOnly; SameSite=Strict`;
}

/** One `Set-Cookie` per signed cookie, scoped to the granted prefix; they expire with the policy. */
function setCookieValues(values: SignedCookieValues, grant: PlaybackGrant, now: Date): string[] {
  const maxAge = Math.max(0, Math.floor((grant.expiresAt.getTime() - now.getTime()) / 1000));
  return Object.entries(values).map(([name, value]) => setCookie(name, value, grant.cookiePath, maxAge));
}

/** The three playback cookies of `path` expired: a browser drops a cookie whose name and `Path` match. */
function expiredCookieValues(path: string): string[] {
  return Object.values(PLAYBACK_COOKIE_NAMES).map((name) => setCookie(name, "", path, 0));
}

/**
 * `POST /api/videos/{uploadId}/playback` and `POST /api/live/playback`: CloudFront signed cookies;
 * `DELETE` of the same paths (sign-out): the same cookies expired.
 */
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

  /**
   * Sign-out, for any well-formed id, with no ownership check on purpose: expiring cookies grants
   * nothing and touches only the caller's own browser; the answer is the same for every id (the
   * caller's, someone else's, deleted, never existed), so it tells nothing about other uploads;
   * and it must work for a video deleted, or no longer the caller's to watch, since the grant.
   */
  endVideo(uploadIdInput: string | undefined): PlaybackCookies<PlaybackEndedResponse> {
    const pathPrefix = playbackPathOf(validateInput(UploadId, uploadIdInput, "uploadId"));
    return { cookies: expiredCookieValues(pathPrefix), body: { pathPrefix } };
  }

  /** Sign-out: the private live channel's cookies expired; where live is public there are none. */
  endLive(): PlaybackCookies<PlaybackEndedResponse> {
    const pathPrefix = this.deps.privateLivePathPrefix;
    return pathPrefix === "" ? { cookies: [], body: { pathPrefix: null } } : { cookies: expiredCookieValues(pathPrefix), body: { pathPrefix } };
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
