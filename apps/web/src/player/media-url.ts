import { joinUrl } from "../api/route-url.js";

/**
 * Where a `vod/...` playback path or the live playlist is served: this origin, like the app and
 * the API, so the playback cookies the API set reach the media.
 */
export function mediaUrl(path: string, origin: string): string {
  return joinUrl(origin, path);
}
