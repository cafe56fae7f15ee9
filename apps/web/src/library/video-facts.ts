import type { UploadStatusResponse } from "@video-platform/shared-types";

/** What the library and the player show of a video once its job is planned: poster, length, size. */
export interface VideoFacts {
  /** Relative to the media base (`vod/<uuid>/previews/frame.0000010.jpg`); only once the job is COMPLETE. */
  readonly posterPath: string | undefined;
  readonly durationSeconds: number;
  readonly width: number;
  readonly height: number;
}

/** The facts of an upload the API has them for; undefined for uploads refused, pending, or recorded before them. */
export function videoFactsOf(item: UploadStatusResponse): VideoFacts | undefined {
  const { durationSeconds, width, height } = item;
  if (durationSeconds === undefined || width === undefined || height === undefined) return undefined;
  // The frames are written when the job finishes; before that the poster's URL would answer 404.
  const posterPath = item.status === "COMPLETE" ? item.posterPath : undefined;
  return { posterPath, durationSeconds, width, height };
}

/** "0:05", "12:34", "1:02:03": a video's length as players show it. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/** The same length for `<time datetime>`: an ISO 8601 duration. */
export function isoDuration(seconds: number): string {
  return `PT${Math.max(0, Math.round(seconds))}S`;
}

/**
 * CSS custom properties that size a player to its video: `--video-aspect` for `aspect-ratio`,
 * `--video-ratio` (width over height) to cap the height (styles.css). 16:9 when unknown.
 */
export function playerShape(size: { width: number; height: number } | undefined): Record<string, string> {
  if (size === undefined || !(size.width > 0) || !(size.height > 0)) return {};
  return { "--video-aspect": `${size.width} / ${size.height}`, "--video-ratio": String(size.width / size.height) };
}
