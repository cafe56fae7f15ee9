import { describe, expect, it } from "vitest";
import { previewUrlAt, scrubPointAt, scrubPointFor } from "../src/player/scrub-preview.js";
import { uploadId } from "./fixtures.js";

const ORIGIN = "https://video.example.test";
const frames = `${ORIGIN}/vod/${uploadId.replace(/\.mp4$/, "")}/previews/`;

describe("the preview timeline", () => {
  it("maps the pointer across the bar to the video's time, clamped to the bar's ends", () => {
    const bar = { left: 100, width: 400 };
    expect(scrubPointAt(300, bar, 60)).toEqual({ seconds: 30, fraction: 0.5 });
    expect(scrubPointAt(40, bar, 60)).toEqual({ seconds: 0, fraction: 0 });
    expect(scrubPointAt(900, bar, 60)).toEqual({ seconds: 60, fraction: 1 });
    expect(scrubPointAt(300, { left: 0, width: 0 }, 60)).toBeUndefined();
    expect(scrubPointAt(300, bar, 0)).toBeUndefined();
    expect(scrubPointFor(75, 60)).toEqual({ seconds: 60, fraction: 1 });
    expect(scrubPointFor(15, 60)).toEqual({ seconds: 15, fraction: 0.25 });
  });

  it("shows the frame of the hundredth the time falls in, from the video's own previews on this origin", () => {
    expect(previewUrlAt(uploadId, 6, 12, ORIGIN)).toBe(`${frames}frame.0000050.jpg`);
    expect(previewUrlAt(uploadId, 0, 12, ORIGIN)).toBe(`${frames}frame.0000000.jpg`);
    expect(previewUrlAt(uploadId, 12, 12, ORIGIN)).toBe(`${frames}frame.0000099.jpg`);
    expect(previewUrlAt(uploadId, 11.99, 12, ORIGIN)).toBe(`${frames}frame.0000099.jpg`);
  });
});
