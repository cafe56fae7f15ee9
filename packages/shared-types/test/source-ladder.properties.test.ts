import type { Output } from "@aws-sdk/client-mediaconvert";
import { describe, expect, it } from "vitest";
import {
  aspectDeviation,
  MAX_FRAME_RATE,
  MAX_OUTPUT_SIDE,
  MIN_OUTPUT_SIDE,
  MovieHlsLadder,
  outputPrefixOf,
  planSourceJob,
  PREVIEW_FRAME_COUNT,
  shortSideOf,
  VideoSummary,
  type PictureSize,
  type VideoSource,
} from "../src/index.js";
import { JOB_INPUT, JOB_UPLOAD_ID, randomSources } from "./support/source-shapes.js";

/**
 * Properties of the derived job over many generated source shapes. A failure names the seed and
 * the shape; `randomSources(seed, n)` gives the same shapes again.
 */
const SEED = 20_240_610;
const TOP_CAP = MovieHlsLadder.renditions[0]!.h264.MaxBitrate;

const describeSource = (source: VideoSource) =>
  `${source.video.display.width}×${source.video.display.height}, ${source.audioTrackCount} audio, ` +
  `${source.durationSeconds.toFixed(2)} s, ${JSON.stringify(source.video.frameRate)}`;

const sizeOf = (output: Output): PictureSize => ({
  width: output.VideoDescription?.Width ?? 0,
  height: output.VideoDescription?.Height ?? 0,
});

/** Within 1 %, or within one pixel of rounding on pictures too small for 1 % to be a pixel. */
function keepsAspect(rung: PictureSize, source: PictureSize): boolean {
  return aspectDeviation(rung, source) <= Math.max(0.01, 2 / shortSideOf(rung));
}

function checkJob(source: VideoSource): void {
  const display = source.video.display;
  const { settings, summary } = planSourceJob(JOB_UPLOAD_ID, JOB_INPUT, source);
  const [hls, stills] = settings.OutputGroups ?? [];
  const renditions = hls?.Outputs ?? [];

  expect(renditions.length).toBeGreaterThanOrEqual(1);
  let previous: { short: number; cap: number } | undefined;
  for (const output of renditions) {
    const size = sizeOf(output);
    const h264 = output.VideoDescription?.CodecSettings?.H264Settings;
    expect(size.width % 2, "even width").toBe(0);
    expect(size.height % 2, "even height").toBe(0);
    expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(MIN_OUTPUT_SIDE);
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(MAX_OUTPUT_SIDE);
    expect(size.width, "never wider than the source").toBeLessThanOrEqual(display.width);
    expect(size.height, "never taller than the source").toBeLessThanOrEqual(display.height);
    expect(keepsAspect(size, display), `${size.width}×${size.height} keeps the aspect`).toBe(true);
    if (display.height > display.width) expect(size.height, "portrait stays portrait").toBeGreaterThanOrEqual(size.width);
    if (display.width > display.height) expect(size.width, "landscape stays landscape").toBeGreaterThanOrEqual(size.height);
    expect(shortSideOf(size)).toBeLessThanOrEqual(Math.max(1080, MIN_OUTPUT_SIDE));
    expect(h264?.MaxBitrate).toBeLessThanOrEqual(TOP_CAP);
    if (previous) {
      expect(shortSideOf(size), "rungs get smaller").toBeLessThan(previous.short);
      expect(h264?.MaxBitrate ?? 0, "caps get smaller").toBeLessThanOrEqual(previous.cap);
    }
    previous = { short: shortSideOf(size), cap: h264?.MaxBitrate ?? 0 };
    expect([h264?.GopSize, h264?.GopSizeUnits]).toEqual([MovieHlsLadder.gopSeconds, "SECONDS"]);
    expect(output.AudioDescriptions !== undefined, "audio only when the source has some").toBe(source.audioTrackCount > 0);
    if (h264?.FramerateControl === "SPECIFIED") {
      expect((h264.FramerateNumerator ?? 0) / (h264.FramerateDenominator ?? 1)).toBeLessThanOrEqual(MAX_FRAME_RATE);
    } else {
      const rate = source.video.frameRate;
      expect(rate === undefined || rate.numerator / rate.denominator <= MAX_FRAME_RATE).toBe(true);
    }
  }
  expect(hls?.OutputGroupSettings?.HlsGroupSettings?.SegmentLength).toBe(MovieHlsLadder.segmentSeconds);

  const still = stills?.Outputs?.[0];
  const stillSize = still ? sizeOf(still) : { width: 0, height: 0 };
  expect(stillSize.width).toBeLessThanOrEqual(display.width);
  expect(stillSize.height).toBeLessThanOrEqual(display.height);
  expect(keepsAspect(stillSize, display)).toBe(true);
  const capture = still?.VideoDescription?.CodecSettings?.FrameCaptureSettings;
  const interval = (capture?.FramerateDenominator ?? 0) / (capture?.FramerateNumerator ?? 1);
  expect(interval, "one capture per hundredth of the video").toBeCloseTo(source.durationSeconds / PREVIEW_FRAME_COUNT, 4);

  expect(VideoSummary.parse(summary)).toEqual(summary);
  expect(summary.renditions.map((rendition) => [rendition.width, rendition.height])).toEqual(
    renditions.map((output) => [sizeOf(output).width, sizeOf(output).height]),
  );
  expect(summary.posterPath.startsWith(outputPrefixOf(JOB_UPLOAD_ID))).toBe(true);
}

describe("the job derived for a source, over many source shapes", () => {
  it.each(randomSources(SEED, 400).map((source, index) => [index, describeSource(source), source] as const))(
    `shape %i (seed ${SEED}): %s`,
    (_index, _name, source) => checkJob(source),
  );

  it("keeps the aspect within 1 % on every realistic shape", () => {
    for (const source of randomSources(SEED + 1, 400, { realistic: true })) {
      for (const rung of planSourceJob(JOB_UPLOAD_ID, JOB_INPUT, source).summary.renditions) {
        expect(aspectDeviation(rung, source.video.display), describeSource(source)).toBeLessThanOrEqual(0.01);
      }
    }
  });
});
