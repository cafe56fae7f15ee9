import { describe, expect, it } from "vitest";
import { formatClock, isoDuration, playerShape, videoFactsOf } from "../src/library/video-facts.js";
import { statusItem } from "./fixtures.js";

const summary = {
  posterPath: "vod/x/previews/frame.0000010.jpg",
  durationSeconds: 65.4,
  width: 1080,
  height: 1920,
  renditions: [{ width: 1080, height: 1920, bitrate: 8_500_000 }],
};

describe("video facts", () => {
  it("are known once the job is planned; the poster only once the job is COMPLETE", () => {
    expect(videoFactsOf(statusItem({ status: "UPLOADED" }))).toBeUndefined();
    expect(videoFactsOf(statusItem({ status: "TRANSCODING", progress: 10, ...summary }))).toEqual({
      posterPath: undefined,
      durationSeconds: 65.4,
      width: 1080,
      height: 1920,
    });
    expect(videoFactsOf(statusItem({ status: "COMPLETE", progress: 100, ...summary }))?.posterPath).toBe(summary.posterPath);
  });

  it("write a length as players do, and as an ISO 8601 duration", () => {
    expect([formatClock(5), formatClock(65.4), formatClock(754), formatClock(3723), formatClock(-1)]).toEqual([
      "0:05",
      "1:05",
      "12:34",
      "1:02:03",
      "0:00",
    ]);
    expect(isoDuration(65.4)).toBe("PT65S");
  });

  it("give a player its video's aspect, and nothing for an unknown size", () => {
    expect(playerShape({ width: 1080, height: 1920 })).toEqual({ "--video-aspect": "1080 / 1920", "--video-ratio": "0.5625" });
    expect(playerShape(undefined)).toEqual({});
    expect(playerShape({ width: 0, height: 10 })).toEqual({});
  });
});
