import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ClipSpec {
  readonly seconds: number;
  readonly width: number;
  readonly height: number;
  readonly frameRate?: number;
}

/** A real H.264/AAC MP4 made by ffmpeg: a test pattern with a tone. */
export async function makeTestClip(path: string, spec: ClipSpec): Promise<void> {
  const rate = spec.frameRate ?? 30;
  await run("ffmpeg", [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    `testsrc=size=${spec.width}x${spec.height}:rate=${rate}:duration=${spec.seconds}`,
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=440:sample_rate=48000:duration=${spec.seconds}`,
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-shortest",
    "-movflags",
    "+faststart",
    path,
  ]);
}
