import { describe, expect, it } from "vitest";
import {
  decideSource,
  DEFAULT_MAX_DURATION_SECONDS,
  formatLength,
  type ProbeReading,
  type SourceFacts,
} from "../src/index.js";
import { sourceOfSize } from "./support/source-shapes.js";

const read = (facts: SourceFacts): ProbeReading => ({ readable: true, facts });
const HOUR = 3600;

describe("deciding whether to transcode a source", () => {
  it("accepts a readable video within the limit, as a source with a picture and a length", () => {
    const source = sourceOfSize(1080, 1920, { durationSeconds: 42 });
    expect(decideSource(read(source))).toEqual({ accepted: true, source });
  });

  it("refuses a file Probe could not read", () => {
    expect(decideSource({ readable: false, detail: "Probe returned no container for the file" })).toEqual({
      accepted: false,
      reason: "the file could not be read as a video",
    });
  });

  it("refuses a file without a video track, such as an MP3 renamed .mp4", () => {
    expect(decideSource(read({ container: "mp3", video: undefined, audioTrackCount: 1, durationSeconds: 200 }))).toEqual({
      accepted: false,
      reason: "the file has no video track",
    });
  });

  it("refuses a picture without a length (a still image) as unreadable as a video", () => {
    expect(decideSource(read({ ...sourceOfSize(640, 480), durationSeconds: undefined }))).toEqual({
      accepted: false,
      reason: "the file could not be read as a video",
    });
  });

  it("refuses a video longer than the limit, saying by how much in plain units", () => {
    const long = sourceOfSize(1920, 1080, { durationSeconds: 7 * HOUR + 12 * 60 });
    expect(decideSource(read(long))).toEqual({ accepted: false, reason: "the video is 7 h 12 min long; the limit is 6 h" });
  });

  it("has a six-hour default limit, inclusive, and never shows an over-long video as equal to it", () => {
    expect(DEFAULT_MAX_DURATION_SECONDS).toBe(6 * HOUR);
    expect(decideSource(read(sourceOfSize(1920, 1080, { durationSeconds: 6 * HOUR }))).accepted).toBe(true);
    expect(decideSource(read(sourceOfSize(1920, 1080, { durationSeconds: 6 * HOUR + 30 })))).toEqual({
      accepted: false,
      reason: "the video is 6 h 1 min long; the limit is 6 h",
    });
  });

  it("takes the limit the environment sets", () => {
    const clip = read(sourceOfSize(1920, 1080, { durationSeconds: 100 }));
    expect(decideSource(clip, { maxDurationSeconds: 90 })).toEqual({
      accepted: false,
      reason: "the video is 1 min 40 s long; the limit is 1 min 30 s",
    });
    expect(decideSource(clip, { maxDurationSeconds: 100 }).accepted).toBe(true);
  });

  it("refuses a picture smaller than MediaConvert can encode, or too elongated for any rung", () => {
    expect(decideSource(read(sourceOfSize(16, 16)))).toEqual({
      accepted: false,
      reason: "the picture is 16×16 pixels; the smallest we can encode is 32 pixels on each side",
    });
    expect(decideSource(read(sourceOfSize(9000, 32)))).toEqual({
      accepted: false,
      reason: "the picture is 9000×32 pixels; one side may be at most 256 times the other",
    });
    expect(decideSource(read(sourceOfSize(8192, 32))).accepted).toBe(true);
  });
});

describe("a length as people say it", () => {
  it.each([
    [6 * HOUR, "6 h"],
    [7 * HOUR + 12 * 60, "7 h 12 min"],
    [7 * HOUR + 12 * 60 + 1, "7 h 13 min"],
    [HOUR + 59 * 60 + 59.5, "2 h"],
    [125, "2 min 5 s"],
    [59.2, "1 min"],
    [0.4, "1 s"],
    [0, "0 s"],
  ])("%f s reads %s", (seconds, expected) => {
    expect(formatLength(seconds)).toBe(expected);
  });
});
