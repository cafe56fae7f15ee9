import { previewFrameIndexAt, previewFramePathFor, type UploadId } from "@video-platform/shared-types";
import { mediaUrl } from "./media-url.js";

/** A point on the preview timeline: the time it stands for, and how far across the bar it is (0 to 1). */
export interface ScrubPoint {
  readonly seconds: number;
  readonly fraction: number;
}

/** The point under a pointer at `clientX` over a bar from `left` to `left + width`, clamped to the bar. */
export function scrubPointAt(clientX: number, bar: { readonly left: number; readonly width: number }, durationSeconds: number): ScrubPoint | undefined {
  if (!(bar.width > 0) || !(durationSeconds > 0) || !Number.isFinite(clientX)) return undefined;
  const fraction = Math.min(1, Math.max(0, (clientX - bar.left) / bar.width));
  return { seconds: fraction * durationSeconds, fraction };
}

/** The point for a time on the timeline (the bar's own value, when moved by keys or dragged). */
export function scrubPointFor(seconds: number, durationSeconds: number): ScrubPoint | undefined {
  if (!(durationSeconds > 0) || !Number.isFinite(seconds)) return undefined;
  const clamped = Math.min(durationSeconds, Math.max(0, seconds));
  return { seconds: clamped, fraction: clamped / durationSeconds };
}

/**
 * The preview frame for `seconds` of a video: a file under the video's own prefix, so the
 * playback cookies that let the player in let the preview in too.
 */
export function previewUrlAt(uploadId: UploadId, seconds: number, durationSeconds: number, origin: string): string {
  return mediaUrl(previewFramePathFor(uploadId, previewFrameIndexAt(seconds, durationSeconds)), origin);
}
