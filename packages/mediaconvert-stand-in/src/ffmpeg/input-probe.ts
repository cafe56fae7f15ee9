import { inputUnreadable, type MediaConvertJobError } from "../jobs/job-error.js";
import { ffprobe, FfprobeFailure, type FfprobeReport } from "../probe/ffprobe.js";

export interface InputInfo {
  readonly durationSeconds: number;
  readonly hasAudio: boolean;
  readonly width: number;
  readonly height: number;
}

/** Decides from ffprobe's JSON report whether the input is a video MediaConvert could take. */
export function interpretProbe(inputUrl: string, report: FfprobeReport): InputInfo | MediaConvertJobError {
  const streams = report.streams ?? [];
  const video = streams.find(
    (stream) => stream.codec_type === "video" && (stream.width ?? 0) > 0 && stream.disposition?.attached_pic !== 1,
  );
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

/** What the job runner needs to know of its input before it starts ffmpeg. */
export async function probeInput(inputUrl: string, path: string): Promise<InputInfo | MediaConvertJobError> {
  try {
    return interpretProbe(inputUrl, await ffprobe(path));
  } catch (error) {
    if (error instanceof FfprobeFailure) return inputUnreadable(inputUrl, error.reason);
    throw error;
  }
}
