import { joinUrl } from "../api/route-url.js";

/**
 * Where a `vod/...` playback path or the live playlist is served: under mediaBaseUrl (the CDN),
 * or under this origin when mediaBaseUrl is "".
 */
export function mediaUrl(mediaBaseUrl: string, path: string, origin: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return joinUrl(mediaBaseUrl === "" ? origin : mediaBaseUrl, path);
}
