import { describe, expect, it } from "vitest";
import {
  bitrateCapFor,
  deriveLadder,
  frameRateEncoding,
  MovieHlsLadder,
  planSourceJob,
  previewSizeFor,
  type VideoSource,
} from "../src/index.js";
import { JOB_INPUT, JOB_UPLOAD_ID, sourceOfSize } from "./support/source-shapes.js";

const sizes = (source: VideoSource) => deriveLadder(source).rungs.map((rung) => `${rung.width}x${rung.height}`);

describe("the ladder for a source", () => {
  it.each([
    ["a 2160p source keeps the four MovieHLS rungs", 3840, 2160, ["1920x1080", "1280x720", "960x540", "640x360"]],
    ["a 1080p source keeps the four MovieHLS rungs", 1920, 1080, ["1920x1080", "1280x720", "960x540", "640x360"]],
    ["a portrait phone clip gets the rungs turned upright", 1080, 1920, ["1080x1920", "720x1280", "540x960", "360x640"]],
    ["a 720p portrait clip starts at its own size", 720, 1280, ["720x1280", "540x960", "360x640"]],
    ["a 4:3 640×480 clip keeps 4:3 and its own 480 lines", 640, 480, ["640x480", "480x360"]],
    ["a 242p screen recording is never upscaled", 430, 242, ["430x242"]],
    ["a square source stays square", 1080, 1080, ["1080x1080", "720x720", "540x540", "360x360"]],
    ["a 21:9 source keeps its aspect inside the 16:9 boxes", 2560, 1080, ["1920x810", "1280x540", "960x406", "640x270"]],
    ["a 900p source between rungs gets a rung at its own size", 1600, 900, ["1600x900", "1280x720", "960x540", "640x360"]],
    ["a 768-line screen recording is close enough to 720p", 1366, 768, ["1280x720", "960x540", "640x360"]],
  ])("%s", (_name, width, height, expected) => {
    expect(sizes(sourceOfSize(width, height))).toEqual(expected);
  });

  it("makes one rung at least 32 pixels high for a very elongated strip", () => {
    expect(sizes(sourceOfSize(6400, 64))).toEqual(["3200x32"]);
  });

  it("takes the MovieHLS caps, quality levels and audio for the MovieHLS sizes, upright or not", () => {
    for (const source of [sourceOfSize(1920, 1080), sourceOfSize(1080, 1920)]) {
      const rungs = deriveLadder(source).rungs;
      MovieHlsLadder.renditions.forEach((rendition, index) => {
        expect(rungs[index]?.maxBitrate).toBe(rendition.h264.MaxBitrate);
        expect(rungs[index]?.qvbrQualityLevel).toBe(rendition.h264.QvbrSettings.QvbrQualityLevel);
        expect(rungs[index]?.audioBitrate).toBe(rendition.audio.Bitrate);
      });
    }
  });

  it("scales the bitrate cap with the rung's pixels, between and below the MovieHLS rungs", () => {
    expect(bitrateCapFor(640 * 480)).toBe(2_033_000);
    expect(bitrateCapFor(480 * 360)).toBe(1_125_000);
    expect(bitrateCapFor(320 * 180)).toBe(375_000);
    expect(bitrateCapFor(32 * 32)).toBe(7_000);
  });

  it("makes video-only renditions for a source without audio, and no audio selector", () => {
    const plan = planSourceJob(JOB_UPLOAD_ID, JOB_INPUT, sourceOfSize(1080, 1920, { audioTrackCount: 0 }));
    const hls = plan.settings.OutputGroups?.[0]?.Outputs ?? [];
    expect(hls).toHaveLength(4);
    for (const output of hls) expect(output.AudioDescriptions).toBeUndefined();
    expect(plan.settings.Inputs?.[0]?.AudioSelectors).toBeUndefined();
  });

  it("carries AAC audio at the reference rung's bitrate when the source has audio", () => {
    const plan = planSourceJob(JOB_UPLOAD_ID, JOB_INPUT, sourceOfSize(640, 480));
    const audio = (plan.settings.OutputGroups?.[0]?.Outputs ?? []).map((output) => output.AudioDescriptions?.[0]?.CodecSettings);
    expect(audio.map((settings) => [settings?.Codec, settings?.AacSettings?.Bitrate])).toEqual([
      ["AAC", 96_000],
      ["AAC", 96_000],
    ]);
    expect(plan.settings.Inputs?.[0]?.AudioSelectors).toBeDefined();
  });
});

describe("the frame rate of a source's renditions", () => {
  it("follows the source up to 60 fps", () => {
    expect(frameRateEncoding({ numerator: 60, denominator: 1 })).toEqual({ FramerateControl: "INITIALIZE_FROM_SOURCE" });
    expect(frameRateEncoding({ numerator: 24000, denominator: 1001 })).toEqual({ FramerateControl: "INITIALIZE_FROM_SOURCE" });
    expect(frameRateEncoding(undefined)).toEqual({ FramerateControl: "INITIALIZE_FROM_SOURCE" });
  });

  it.each([
    [120, 1, 60, 1],
    [120_000, 1001, 60_000, 1001],
    [240, 1, 60, 1],
    [90, 1, 45, 1],
    [150, 1, 50, 1],
    [602, 10, 60, 1],
  ])("drops frames evenly from %i/%i fps to %i/%i", (numerator, denominator, outNumerator, outDenominator) => {
    expect(frameRateEncoding({ numerator, denominator })).toEqual({
      FramerateControl: "SPECIFIED",
      FramerateNumerator: outNumerator,
      FramerateDenominator: outDenominator,
      FramerateConversionAlgorithm: "DUPLICATE_DROP",
    });
  });
});

describe("the job's rotation", () => {
  const rotated = (container: string, rotationSource: "container" | "codec") =>
    planSourceJob(JOB_UPLOAD_ID, JOB_INPUT, {
      ...sourceOfSize(1080, 1920),
      container,
      video: { ...sourceOfSize(1080, 1920).video, rotation: 90, rotationSource },
    }).settings.Inputs?.[0]?.VideoSelector;

  it("lets MediaConvert read an MP4 or QuickTime file's rotation metadata", () => {
    expect(rotated("mp4", "container")).toEqual({ Rotate: "AUTO" });
    expect(rotated("quicktime", "container")).toEqual({ Rotate: "AUTO" });
  });

  it("states the rotation where MediaConvert would not read it itself", () => {
    expect(rotated("matroska", "container")).toEqual({ Rotate: "DEGREES_90" });
    expect(rotated("mp4", "codec")).toEqual({ Rotate: "DEGREES_90" });
  });

  it("leaves an unrotated source alone", () => {
    expect(planSourceJob(JOB_UPLOAD_ID, JOB_INPUT, sourceOfSize(1920, 1080)).settings.Inputs?.[0]?.VideoSelector).toEqual({});
  });
});

describe("the summary the status API returns", () => {
  it("names the poster, the duration, the largest rendition's size and every rendition", () => {
    const summary = planSourceJob(JOB_UPLOAD_ID, JOB_INPUT, sourceOfSize(1080, 1920, { audioTrackCount: 0, durationSeconds: 83.4 })).summary;
    expect(summary).toEqual({
      posterPath: "vod/0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11/previews/frame.0000010.jpg",
      durationSeconds: 83.4,
      width: 1080,
      height: 1920,
      renditions: [
        { width: 1080, height: 1920, bitrate: 8_500_000 },
        { width: 720, height: 1280, bitrate: 6_000_000 },
        { width: 540, height: 960, bitrate: 3_500_000 },
        { width: 360, height: 640, bitrate: 1_500_000 },
      ],
    });
  });

  it("counts the audio in a rendition's bitrate", () => {
    const summary = planSourceJob(JOB_UPLOAD_ID, JOB_INPUT, sourceOfSize(430, 242)).summary;
    expect(summary.renditions).toEqual([{ width: 430, height: 242, bitrate: bitrateCapFor(430 * 242) + 96_000 }]);
  });

  it("sizes the previews like the smallest rung, never above the source", () => {
    expect(previewSizeFor(sourceOfSize(3840, 2160))).toEqual({ width: 640, height: 360 });
    expect(previewSizeFor(sourceOfSize(1080, 1920))).toEqual({ width: 360, height: 640 });
    expect(previewSizeFor(sourceOfSize(430, 242))).toEqual({ width: 430, height: 242 });
  });
});
