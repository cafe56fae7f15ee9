import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { inputUnreadable, type MediaConvertJobError } from "../jobs/job-error.js";

const run = promisify(execFile);

export interface InputInfo {
  readonly durationSeconds: number;
  readonly hasAudio: boolean;
  readonly width: number;
  readonly height: number;
}

interface ProbeReport {
  format?: { duration?: string };
  streams?: { codec_type?: string; width?: number; height?: number; duration?: string }[];
}

/** Decides from ffprobe's JSON report whether the input is a video MediaConvert could take. */
export function interpretProbe(inputUrl: string, report: ProbeReport): InputInfo | MediaConvertJobError {
  const streams = report.streams ?? [];
  const video = streams.find((stream) => stream.codec_type === "video" && (stream.width ?? 0) > 0);
  if (!video) return inputUnreadable(inputUrl, "No video track found in the input");
  const duration = Number(report.format?.duration ?? video.duration);
  if (!Number.isFinite(duration) || duration <= 0) return inputUnreadable(inputUrl, "Input has no duration");
  return {
    durationSeconds: duration,
    hasAudio: streams.some((stream) => stream.codec_type === "audio"),
    width: video.width ?? 0,
    height: video.height ?? 0,
  };
}

/** The last meaningful line ffprobe printed, e.g. "Invalid data found when processing input". */
export function probeFailureReason(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const last = lines.at(-1) ?? "the input could not be read";
  // ffprobe prefixes the local path ("/tmp/x/input.mp4: Invalid data..."); the S3 URL is already given.
  return last.replace(/^.*?: (?=[A-Z])/, "");
}

export async function probeInput(inputUrl: string, path: string): Promise<InputInfo | MediaConvertJobError> {
  try {
    const { stdout } = await run("ffprobe", [
      "-v",
      "error",
      "-show_entries",
      "format=duration:stream=codec_type,width,height,duration",
      "-of",
      "json",
      path,
    ]);
    return interpretProbe(inputUrl, JSON.parse(stdout) as ProbeReport);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    return inputUnreadable(inputUrl, probeFailureReason(stderr));
  }
}
