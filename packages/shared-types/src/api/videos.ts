import * as z from "zod";
import { UploadId } from "../upload-key.js";

/**
 * `POST /api/videos/{uploadId}/playback` and `POST /api/live/playback`: the answer carries three
 * `Set-Cookie` headers (CloudFront's signed cookies, `Path` = the granted prefix, `Secure`,
 * `HttpOnly`, `SameSite=Strict`); the body says what they grant and when to ask again.
 */
export const PlaybackGrantResponse = z.object({
  /** The path prefix the cookies open, e.g. `/vod/<uuid>/`. */
  pathPrefix: z.string().startsWith("/").endsWith("/"),
  expiresAt: z.iso.datetime(),
  /** Ask for new cookies at this time (a margin before `expiresAt`), so playback never stalls. */
  renewAt: z.iso.datetime(),
});
export type PlaybackGrantResponse = z.infer<typeof PlaybackGrantResponse>;

/** `POST /api/live/playback` when the live channel is public here: no cookies are needed. */
export const PublicLivePlaybackResponse = z.object({ pathPrefix: z.null() });
export type PublicLivePlaybackResponse = z.infer<typeof PublicLivePlaybackResponse>;

export const LivePlaybackResponse = z.union([PlaybackGrantResponse, PublicLivePlaybackResponse]);
export type LivePlaybackResponse = z.infer<typeof LivePlaybackResponse>;

/**
 * `DELETE /api/videos/{uploadId}/playback` and `DELETE /api/live/playback` (sign-out): the answer
 * carries the three playback cookies expired (`Max-Age=0`, the grant's `Path`), so this browser
 * drops them; `pathPrefix` is the path they were for, null where live is public (nothing to end).
 */
export const PlaybackEndedResponse = z.object({ pathPrefix: z.string().startsWith("/").endsWith("/").nullable() });
export type PlaybackEndedResponse = z.infer<typeof PlaybackEndedResponse>;

/** `DELETE /api/videos/{uploadId}`: the raw file, every processed file and the record are gone. */
export const DeleteVideoResponse = z.object({ uploadId: UploadId, deleted: z.literal(true) });
export type DeleteVideoResponse = z.infer<typeof DeleteVideoResponse>;

/** Ask for new playback cookies this long before the current ones expire. */
export const PLAYBACK_RENEW_MARGIN_SECONDS = 5 * 60;
