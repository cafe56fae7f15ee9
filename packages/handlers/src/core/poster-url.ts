/**
 * Posters are private media like the videos, but a library shows a page of them at once and
 * cannot ask for playback cookies per video: each gets a short-lived CloudFront signed URL
 * (canned policy) instead. Its expiry is rounded down to a step, so one poster keeps one URL for
 * that long and the browser's cache answers the library's polls instead of CloudFront; rounding
 * down keeps every URL within the playback cookies' hour, which key rotation waits out.
 */

/** The longest a poster's signed URL lasts (one hour, like the playback cookies). */
export const POSTER_URL_LIFETIME_SECONDS = 60 * 60;
/** Expiries fall on multiples of this: a URL lasts more than the lifetime less a step, at most the lifetime. */
export const POSTER_URL_STEP_SECONDS = 10 * 60;

/** When a poster URL signed at `now` expires. */
export function posterUrlExpiry(now: Date): Date {
  const latest = Math.floor(now.getTime() / 1000) + POSTER_URL_LIFETIME_SECONDS;
  return new Date(Math.floor(latest / POSTER_URL_STEP_SECONDS) * POSTER_URL_STEP_SECONDS * 1000);
}

/**
 * The URL viewers load a poster from: the site's origin (the one distribution serves `/vod/*`
 * from the processed bucket, keys unchanged) and the poster's key in that bucket.
 */
export function posterResourceUrl(siteUrl: string, posterPath: string): string {
  return new URL(posterPath.replace(/^\/+/, ""), `${new URL(siteUrl).origin}/`).href;
}
