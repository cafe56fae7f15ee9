import { elongationOf, MAX_OUTPUT_SIDE, MIN_OUTPUT_SIDE, shortSideOf } from "./picture-size.js";
import type { ProbeReading, SourceFacts, VideoTrackFacts } from "./source-facts.js";

/** The longest video the platform transcodes unless the environment says otherwise: 6 hours. */
export const DEFAULT_MAX_DURATION_SECONDS = 6 * 60 * 60;

/** A source the platform will transcode: it has a picture and a length. */
export interface VideoSource extends SourceFacts {
  readonly video: VideoTrackFacts;
  readonly durationSeconds: number;
}

/**
 * Accept, or refuse with a reason written for the person who uploaded the file. Refusing here,
 * before any job exists, costs nothing and says what is wrong; MediaConvert would fail later
 * with an error code, after billing the attempt.
 */
export type SourceDecision =
  | { readonly accepted: true; readonly source: VideoSource }
  | { readonly accepted: false; readonly reason: string };

export interface SourceLimits {
  readonly maxDurationSeconds: number;
}

export const UNREADABLE_REASON = "the file could not be read as a video";
export const NO_VIDEO_REASON = "the file has no video track";

/**
 * The most elongated picture the ladder can encode: its smallest rung is 32 pixels on the
 * short side, and MediaConvert takes at most 8192 on the long side.
 */
export const MAX_ELONGATION = MAX_OUTPUT_SIDE / MIN_OUTPUT_SIDE;

const pictureName = (video: VideoTrackFacts) => `${video.display.width}×${video.display.height}`;

export function decideSource(reading: ProbeReading, limits: SourceLimits = { maxDurationSeconds: DEFAULT_MAX_DURATION_SECONDS }): SourceDecision {
  if (!reading.readable) return { accepted: false, reason: UNREADABLE_REASON };
  const { video, durationSeconds } = reading.facts;
  if (!video) return { accepted: false, reason: NO_VIDEO_REASON };
  // A still image or a broken file: a picture, but nothing to play.
  if (durationSeconds === undefined) return { accepted: false, reason: UNREADABLE_REASON };
  if (durationSeconds > limits.maxDurationSeconds) {
    return {
      accepted: false,
      reason: `the video is ${formatLength(durationSeconds)} long; the limit is ${formatLength(limits.maxDurationSeconds)}`,
    };
  }
  if (shortSideOf(video.display) < MIN_OUTPUT_SIDE) {
    return {
      accepted: false,
      reason: `the picture is ${pictureName(video)} pixels; the smallest we can encode is ${MIN_OUTPUT_SIDE} pixels on each side`,
    };
  }
  if (elongationOf(video.display) > MAX_ELONGATION) {
    return {
      accepted: false,
      reason: `the picture is ${pictureName(video)} pixels; one side may be at most ${MAX_ELONGATION} times the other`,
    };
  }
  return { accepted: true, source: { ...reading.facts, video, durationSeconds } };
}

/**
 * A length as people say it: "7 h 12 min", "6 h", "12 min 5 s". Rounded up, to the minute from
 * an hour on, so that a video over the limit never reads as equal to it.
 */
export function formatLength(seconds: number): string {
  const unit = seconds >= 3600 ? 60 : 1;
  const total = Math.ceil(seconds / unit - 1e-9) * unit;
  const parts: string[] = [];
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (rest || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(" ");
}
