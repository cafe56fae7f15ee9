import { describe, expect, it } from "vitest";
import {
  describeStatus,
  formatBytes,
  formatDuration,
  formatPercent,
  formatSpeed,
  statusProgressValue,
} from "../src/format/format.js";

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [1000, "1.00 kB"],
    [1_536_000, "1.54 MB"],
    [120_000_000, "120 MB"],
    [53_687_091_200, "53.7 GB"],
  ])("%i bytes reads %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it("shows a dash for nonsense", () => {
    expect(formatBytes(Number.NaN)).toBe("–");
    expect(formatBytes(-1)).toBe("–");
  });
});

describe("formatSpeed and formatDuration", () => {
  it("shows speed per second, or a dash when unknown", () => {
    expect(formatSpeed(2_500_000)).toBe("2.50 MB/s");
    expect(formatSpeed(undefined)).toBe("–");
  });

  it.each([
    [0.2, "1 s"],
    [45, "45 s"],
    [185, "3 min 05 s"],
    [7_620, "2 h 07 min"],
  ])("%f seconds reads %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it("never shows NaN or Infinity", () => {
    expect(formatDuration(undefined)).toBe("–");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("–");
  });

  it("clamps percentages", () => {
    expect(formatPercent(0.426)).toBe("42%");
    expect(formatPercent(1.2)).toBe("100%");
    expect(formatPercent(Number.NaN)).toBe("0%");
  });
});

describe("status formatting", () => {
  it("shows transcoding progress with the status", () => {
    expect(describeStatus("TRANSCODING", 42.7)).toBe("Transcoding 42%");
    expect(describeStatus("COMPLETE", 100)).toBe("Ready to play");
    expect(describeStatus("ERROR", 10)).toBe("Failed");
    expect(describeStatus("PENDING_UPLOAD", 0)).not.toBe(describeStatus("UPLOADED", 0));
  });

  it("fills the progress bar by status", () => {
    expect(statusProgressValue("PENDING_UPLOAD", 0)).toBe(0);
    expect(statusProgressValue("TRANSCODING", 37)).toBe(37);
    expect(statusProgressValue("COMPLETE", 0)).toBe(100);
    expect(statusProgressValue("ERROR", 50)).toBe(0);
  });
});
