export * from "./stand-in.js";
export * from "./jobs/job-runner.js";
export * from "./jobs/job-state-events.js";
export * from "./jobs/job-error.js";
export { ffmpegJobRunner, type FfmpegRunnerOptions } from "./ffmpeg/ffmpeg-job-runner.js";
export { ffmpegArguments, masterPlaylistName, outputFolders, renditionPlaylistName } from "./ffmpeg/ffmpeg-args.js";
export {
  planTranscode,
  UnsupportedJobSettingsError,
  type PlannedFrameCapture,
  type PlannedRendition,
  type TranscodePlan,
} from "./settings/transcode-plan.js";
export { ffprobe, type FfprobeReport } from "./probe/ffprobe.js";
export { probeResultOf } from "./probe/probe-result.js";
