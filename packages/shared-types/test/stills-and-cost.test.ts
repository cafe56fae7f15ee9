import { describe, expect, it } from "vitest";
import {
  billedMinutesOf,
  buildMovieHlsJobSettings,
  costUnitsOf,
  jobOutputMinutes,
  planSourceJob,
  posterPathFor,
  PREVIEW_FRAME_COUNT,
  previewFrameIndexAt,
  previewFramePathFor,
  pricingTierOf,
} from "../src/index.js";
import { JOB_INPUT, JOB_UPLOAD_ID, JOB_UUID, sourceOfSize } from "./support/source-shapes.js";


describe("poster and scrubbing previews", () => {
  it("are JPEGs under the video's own prefix, the poster being the frame at 10 %", () => {
    expect(previewFramePathFor(JOB_UPLOAD_ID, 0)).toBe(`vod/${JOB_UUID}/previews/frame.0000000.jpg`);
    expect(previewFramePathFor(JOB_UPLOAD_ID, 99)).toBe(`vod/${JOB_UUID}/previews/frame.0000099.jpg`);
    expect(posterPathFor(JOB_UPLOAD_ID)).toBe(`vod/${JOB_UUID}/previews/frame.0000010.jpg`);
    expect(() => previewFramePathFor(JOB_UPLOAD_ID, PREVIEW_FRAME_COUNT)).toThrow(RangeError);
    expect(() => previewFramePathFor(JOB_UPLOAD_ID, 1.5)).toThrow(RangeError);
  });

  it("give the preview for a point on the timeline, clamped to the video", () => {
    expect(previewFrameIndexAt(0, 600)).toBe(0);
    expect(previewFrameIndexAt(60, 600)).toBe(10);
    expect(previewFrameIndexAt(599.9, 600)).toBe(99);
    expect(previewFrameIndexAt(700, 600)).toBe(99);
    expect(previewFrameIndexAt(-3, 600)).toBe(0);
    expect(previewFrameIndexAt(5, 0)).toBe(0);
  });

  it("are captured by one frame-capture output writing where the paths say, a hundred per video", () => {
    const group = planSourceJob(JOB_UPLOAD_ID, JOB_INPUT, sourceOfSize(1080, 1920, { durationSeconds: 4.2 })).settings.OutputGroups?.[1];
    expect(group?.OutputGroupSettings?.FileGroupSettings?.Destination).toBe(`s3://out/vod/${JOB_UUID}/previews/frame`);
    expect(`s3://out/${posterPathFor(JOB_UPLOAD_ID)}`.startsWith(`${group?.OutputGroupSettings?.FileGroupSettings?.Destination}.`)).toBe(true);
    expect(group?.Outputs).toHaveLength(1);
    const video = group?.Outputs?.[0]?.VideoDescription;
    expect([video?.Width, video?.Height, video?.CodecSettings?.Codec]).toEqual([360, 640, "FRAME_CAPTURE"]);
    // A capture every 4200 / 100 000 s = 42 ms: the 10th lands at 0.42 s, 10 % of 4.2 s.
    expect(video?.CodecSettings?.FrameCaptureSettings).toEqual({
      FramerateNumerator: 100_000,
      FramerateDenominator: 4200,
      MaxCaptures: 100,
      Quality: 80,
    });
  });

  it("refuse a destination that is not a folder, where the previews would land beside it", () => {
    expect(() => planSourceJob(JOB_UPLOAD_ID, { ...JOB_INPUT, destination: `s3://out/vod/${JOB_UUID}` }, sourceOfSize(640, 480))).toThrow(RangeError);
  });
});

describe("billable output minutes", () => {
  it("classify an output by its lines: SD below 720, HD 720 to 1080, UHD above", () => {
    expect(pricingTierOf({ width: 1280, height: 718 })).toBe("SD");
    expect(pricingTierOf({ width: 1280, height: 720 })).toBe("HD");
    expect(pricingTierOf({ width: 1920, height: 1080 })).toBe("HD");
    expect(pricingTierOf({ width: 2560, height: 1440 })).toBe("UHD");
  });

  it("count a portrait output's short side, or its height under the strict reading", () => {
    expect(pricingTierOf({ width: 1080, height: 1920 })).toBe("HD");
    expect(pricingTierOf({ width: 1080, height: 1920 }, "height")).toBe("UHD");
    expect(pricingTierOf({ width: 360, height: 640 }, "height")).toBe("SD");
  });

  it("bill by the second with a 10-second minimum", () => {
    expect(billedMinutesOf(90)).toBe(1.5);
    expect(billedMinutesOf(90.2)).toBeCloseTo(91 / 60, 10);
    expect(billedMinutesOf(3)).toBeCloseTo(10 / 60, 10);
  });

  it("of the fixed MovieHLS job: two HD and two SD outputs for the whole duration", () => {
    const job = buildMovieHlsJobSettings({ fileInput: "s3://raw/uploads/a.mp4", destination: "s3://out/vod/a/" });
    const minutes = jobOutputMinutes(job, 600);
    expect(minutes).toEqual({ SD: 20, HD: 20, UHD: 0 });
    expect(costUnitsOf(minutes)).toBe(60);
  });

  it("of a derived job count every output, previews included", () => {
    const { settings } = planSourceJob(JOB_UPLOAD_ID, JOB_INPUT, sourceOfSize(640, 480, { durationSeconds: 600 }));
    expect(jobOutputMinutes(settings, 600)).toEqual({ SD: 30, HD: 0, UHD: 0 });
    const portrait = planSourceJob(JOB_UPLOAD_ID, JOB_INPUT, sourceOfSize(720, 1280, { durationSeconds: 60 })).settings;
    expect(jobOutputMinutes(portrait, 60)).toEqual({ SD: 3, HD: 1, UHD: 0 });
    expect(jobOutputMinutes(portrait, 60, "height")).toEqual({ SD: 2, HD: 1, UHD: 1 });
  });

  it("refuse an output that states no size rather than guess its tier", () => {
    expect(() => jobOutputMinutes({ OutputGroups: [{ Name: "odd", Outputs: [{ NameModifier: "_x" }] }] }, 60)).toThrow(/_x states no picture size/);
  });
});
