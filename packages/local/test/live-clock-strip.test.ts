import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLOCK_STRIP,
  CLOCK_STRIP_BLOCKS,
  clockStripOverlayFilter,
  clockStripSamplePoints,
  decodeClockStrip,
} from "../src/live/clock-strip.js";

const run = promisify(execFile);

function lumaAt(frame: Buffer, width: number, points: [number, number][]): number[] {
  return points.map(([x, y]) => frame[y * width + x] ?? 0);
}

describe("the clock strip burned into the live test pattern", () => {
  let dir: string;
  const start = 1_764_100_000_123;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "clock-strip-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads back, after H.264 encoding, the epoch milliseconds each frame shows", async () => {
    const { frameWidth, frameHeight } = CLOCK_STRIP;
    const clip = join(dir, "pattern.ts");
    await run("ffmpeg", [
      ...["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi"],
      ...["-i", `testsrc2=size=${frameWidth}x${frameHeight}:rate=30:duration=1`],
      ...["-filter_complex", clockStripOverlayFilter(start, 30)],
      ...["-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "800k", clip],
    ]);
    // Frame 15 (0.5 s), decoded to 8-bit luma at the size a 540p rung plays at.
    const { stdout } = await run(
      "ffmpeg",
      ["-hide_banner", "-loglevel", "error", "-i", clip, "-vf", "select=eq(n\\,15)", "-frames:v", "1", "-pix_fmt", "gray", "-f", "rawvideo", "-"],
      { encoding: "buffer", maxBuffer: 8 * 1024 * 1024 },
    );
    const frame = stdout as unknown as Buffer;
    expect(frame.length).toBe(frameWidth * frameHeight);
    expect(decodeClockStrip(lumaAt(frame, frameWidth, clockStripSamplePoints(frameWidth)))).toBe(start + 500);
  });

  it("refuses a frame without the markers rather than reading noise as a time", () => {
    expect(decodeClockStrip(new Array<number>(CLOCK_STRIP_BLOCKS).fill(0))).toBeUndefined();
    expect(decodeClockStrip(new Array<number>(CLOCK_STRIP_BLOCKS).fill(255))).toBeUndefined();
    expect(decodeClockStrip([255, 0])).toBeUndefined();
  });

  it("decodes every bit, beyond the 32 that bit operators keep", () => {
    const value = 2 ** 43 + 2 ** 40 + 12_345;
    const bits = value.toString(2).padStart(CLOCK_STRIP.dataBits, "0").split("").map((bit) => (bit === "1" ? 250 : 5));
    expect(decodeClockStrip([240, 20, ...bits])).toBe(value);
  });

  it("samples block centres scaled to the played video's width", () => {
    const full = clockStripSamplePoints(CLOCK_STRIP.frameWidth);
    const half = clockStripSamplePoints(CLOCK_STRIP.frameWidth / 2);
    expect(full).toHaveLength(CLOCK_STRIP_BLOCKS);
    expect(full[0]).toEqual([CLOCK_STRIP.x + CLOCK_STRIP.blockSize / 2, CLOCK_STRIP.y + CLOCK_STRIP.blockSize / 2]);
    half.forEach(([x, y], index) => {
      expect(Math.abs(x - full[index]![0] / 2)).toBeLessThanOrEqual(1);
      expect(Math.abs(y - full[index]![1] / 2)).toBeLessThanOrEqual(1);
    });
  });
});
