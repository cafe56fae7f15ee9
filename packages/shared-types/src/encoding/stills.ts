import type { OutputGroup } from "@aws-sdk/client-mediaconvert";
import { outputPrefixOf, type UploadId } from "../upload-key.js";
import { MovieHlsLadder, type MovieHlsLadderSpec } from "./movie-hls-ladder.js";
import { deriveRungSizes } from "./source-ladder.js";
import type { PictureSize } from "./picture-size.js";
import type { VideoSource } from "./source-decision.js";

/**
 * The poster and the scrubbing previews come from one frame-capture output: a JPEG at the start
 * of every hundredth of the video, the poster being the one at 10 %. We count a frame-capture
 * output as MediaConvert reports it, an output of the whole duration: one output serving both
 * costs half of two, and at the smallest rung's size it falls in the SD pricing tier.
 */
export const PREVIEW_FRAME_COUNT = 100;
export const POSTER_FRAME_INDEX = 10;
export const PREVIEW_JPEG_QUALITY = 80;

/** Previews live in their own folder under the video's prefix, named `frame.0000000.jpg` and on. */
export const PREVIEWS_FOLDER = "previews/";
export const PREVIEW_FILE_BASE = "frame";

/** MediaConvert numbers captures with seven digits, from 0. */
function previewFileName(index: number): string {
  return `${PREVIEW_FILE_BASE}.${String(index).padStart(7, "0")}.jpg`;
}

/** Where preview frame `index` of an upload is, relative to the processed bucket (and the CDN). */
export function previewFramePathFor(uploadId: UploadId, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= PREVIEW_FRAME_COUNT) {
    throw new RangeError(`preview frame index must be a whole number from 0 to ${PREVIEW_FRAME_COUNT - 1}`);
  }
  return `${outputPrefixOf(uploadId)}${PREVIEWS_FOLDER}${previewFileName(index)}`;
}

/** The poster: the frame at 10 % of the video, past most fade-ins and title cards. */
export function posterPathFor(uploadId: UploadId): string {
  return previewFramePathFor(uploadId, POSTER_FRAME_INDEX);
}

/** The preview to show while the viewer points at `seconds` on the timeline. */
export function previewFrameIndexAt(seconds: number, durationSeconds: number): number {
  if (!(durationSeconds > 0) || !Number.isFinite(seconds)) return 0;
  const index = Math.floor((seconds / durationSeconds) * PREVIEW_FRAME_COUNT);
  return Math.min(PREVIEW_FRAME_COUNT - 1, Math.max(0, index));
}

/** The size of the previews: the source fitted in the smallest rung's box, never larger than the source. */
export function previewSizeFor(source: VideoSource, ladder: MovieHlsLadderSpec = MovieHlsLadder): PictureSize {
  const smallest = ladder.renditions.at(-1)!;
  const sizes = deriveRungSizes(source.video.display, { ...ladder, renditions: [smallest] });
  return sizes.at(-1)!;
}

/**
 * The frame-capture output group. A capture every duration/100 seconds, written as the fraction
 * 100 000 / duration-in-milliseconds so that short clips get their hundred frames too.
 */
export function stillsOutputGroup(source: VideoSource, destination: string, ladder: MovieHlsLadderSpec = MovieHlsLadder): OutputGroup {
  const size = previewSizeFor(source, ladder);
  const durationMs = Math.max(1, Math.round(source.durationSeconds * 1000));
  return {
    Name: "Poster and previews",
    OutputGroupSettings: {
      Type: "FILE_GROUP_SETTINGS",
      FileGroupSettings: { Destination: `${destination}${PREVIEWS_FOLDER}${PREVIEW_FILE_BASE}` },
    },
    Outputs: [
      {
        ContainerSettings: { Container: "RAW" },
        VideoDescription: {
          Width: size.width,
          Height: size.height,
          ScalingBehavior: "DEFAULT",
          CodecSettings: {
            Codec: "FRAME_CAPTURE",
            FrameCaptureSettings: {
              FramerateNumerator: PREVIEW_FRAME_COUNT * 1000,
              FramerateDenominator: durationMs,
              MaxCaptures: PREVIEW_FRAME_COUNT,
              Quality: PREVIEW_JPEG_QUALITY,
            },
          },
        },
      },
    ],
  };
}
