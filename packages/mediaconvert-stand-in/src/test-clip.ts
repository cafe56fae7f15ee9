import { execFile } from "node:child_process";
import { rename, rm } from "node:fs/promises";
import { extname } from "node:path";
import { promisify } from "node:util";
import { ffprobe } from "./probe/ffprobe.js";
import { probeResultOf } from "./probe/probe-result.js";

const run = promisify(execFile);

export interface ClipSpec {
  readonly seconds: number;
  /** The picture as stored in the file (before any rotation a player applies). */
  readonly width: number;
  readonly height: number;
  readonly frameRate?: number;
  /** A 440 Hz tone; true unless `false`. */
  readonly audio?: boolean;
  /** Clockwise rotation written in the container (MP4/MOV), as phones do for portrait video. */
  readonly rotation?: 0 | 90 | 180 | 270;
}

const ffmpeg = (args: readonly string[]) => run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args]);

/** Codecs by container: VP9 and Opus in WebM, H.264 and AAC otherwise. */
function codecArgs(path: string, audio: boolean): string[] {
  if (extname(path) === ".webm") {
    return ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-pix_fmt", "yuv420p", ...(audio ? ["-c:a", "libopus"] : [])];
  }
  return ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", ...(audio ? ["-c:a", "aac"] : []), "-movflags", "+faststart"];
}

async function clockwiseRotationOf(path: string): Promise<number> {
  const result = probeResultOf(await ffprobe(path), Buffer.alloc(0), {});
  return result.Container?.Tracks?.find((track) => track.TrackType === "video")?.VideoProperties?.Rotation ?? 0;
}

/**
 * Writes rotation metadata by remuxing. ffmpeg's `rotate` tag has meant either direction across
 * versions, so each reading is tried and the file is checked with ffprobe.
 */
async function rotate(path: string, clockwise: number): Promise<void> {
  const stored = `${path}.stored${extname(path)}`;
  await rename(path, stored);
  try {
    for (const tag of [(360 - clockwise) % 360, clockwise]) {
      await ffmpeg(["-i", stored, "-map", "0", "-c", "copy", "-metadata:s:v:0", `rotate=${tag}`, path]);
      if ((await clockwiseRotationOf(path)) === clockwise) return;
    }
    throw new Error(`ffmpeg wrote no ${clockwise}° rotation into ${path}`);
  } finally {
    await rm(stored, { force: true });
  }
}

/** A real video made by ffmpeg: a test pattern, with a tone unless `audio: false`; H.264/AAC, or VP9/Opus for `.webm`. */
export async function makeTestClip(path: string, spec: ClipSpec): Promise<void> {
  const rate = spec.frameRate ?? 30;
  const audio = spec.audio ?? true;
  await ffmpeg([
    "-f",
    "lavfi",
    "-i",
    `testsrc=size=${spec.width}x${spec.height}:rate=${rate}:duration=${spec.seconds}`,
    ...(audio ? ["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${spec.seconds}`, "-shortest"] : []),
    ...codecArgs(path, audio),
    path,
  ]);
  if (spec.rotation) await rotate(path, spec.rotation);
}

/** An MP3 (a tone): what a person uploads by mistake when a song is named `.mp4`. */
export async function makeTestSong(path: string, seconds: number): Promise<void> {
  await ffmpeg(["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=44100:duration=${seconds}`, "-c:a", "libmp3lame", "-f", "mp3", path]);
}
