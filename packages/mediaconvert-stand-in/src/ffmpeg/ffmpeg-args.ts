import { join } from "node:path";
import type { PlannedRendition, TranscodePlan } from "../settings/transcode-plan.js";

export interface FfmpegRunOptions {
  readonly inputPath: string;
  readonly outputDir: string;
  /** x264 preset; MediaConvert's quality tuning has no exact match, so speed is a local choice. */
  readonly preset: string;
  /** Sources without sound still get the ladder's audio track (silence), so every rendition is alike. */
  readonly inputHasAudio: boolean;
}

/** x264 CRF for a QVBR quality level: level 7 ≈ CRF 23 (x264's default), each level ≈ 2 CRF steps. */
export function crfForQvbrLevel(level: number): number {
  return Math.min(51, Math.max(0, 37 - 2 * level));
}

function scaleFilter(rendition: PlannedRendition): string {
  const { width, height } = rendition;
  if (rendition.scaling === "STRETCH") return `scale=${width}:${height},setsar=1`;
  return (
    `scale=${width}:${height}:force_original_aspect_ratio=decrease,` +
    `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1`
  );
}

/** The playlist and segment names MediaConvert gives a rendition: `<base><nameModifier>...`. */
export function renditionPlaylistName(plan: TranscodePlan, rendition: PlannedRendition): string {
  return `${plan.baseName}${rendition.nameModifier}.m3u8`;
}

export function masterPlaylistName(plan: TranscodePlan): string {
  return `${plan.baseName}.m3u8`;
}

/** One ffmpeg run that encodes every rendition of the plan into HLS, reporting on `-progress`. */
export function ffmpegArguments(plan: TranscodePlan, options: FfmpegRunOptions): string[] {
  const count = plan.renditions.length;
  const split = `[0:v]split=${count}${plan.renditions.map((_, i) => `[s${i}]`).join("")}`;
  const scaled = plan.renditions.map((rendition, i) => `[s${i}]${scaleFilter(rendition)}[v${i}]`);
  const args = ["-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-nostats", "-progress", "pipe:1"];
  args.push("-i", options.inputPath);
  if (!options.inputHasAudio) args.push("-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000");
  args.push("-filter_complex", [split, ...scaled].join(";"));
  const audioSource = options.inputHasAudio ? "0:a:0" : "1:a:0";
  plan.renditions.forEach((rendition, i) => {
    args.push("-map", `[v${i}]`, "-map", audioSource);
    args.push(`-profile:v:${i}`, rendition.profile);
    args.push(`-bf:v:${i}`, String(rendition.bFrames));
    args.push(`-maxrate:v:${i}`, String(rendition.maxBitrate), `-bufsize:v:${i}`, String(2 * rendition.maxBitrate));
    if (rendition.qvbrQualityLevel !== undefined) {
      args.push(`-crf:v:${i}`, String(crfForQvbrLevel(rendition.qvbrQualityLevel)));
    } else {
      args.push(`-b:v:${i}`, String(rendition.maxBitrate));
    }
    args.push(`-b:a:${i}`, String(rendition.audioBitrate));
    args.push(`-ar:a:${i}`, String(rendition.audioSampleRate), `-ac:a:${i}`, String(rendition.audioChannels));
  });
  if (!options.inputHasAudio) args.push("-shortest");
  args.push("-c:v", "libx264", "-preset", options.preset, "-pix_fmt", "yuv420p");
  // Closed GOPs on a fixed time grid and no scene-cut keyframes: every rendition cuts alike.
  args.push("-force_key_frames", `expr:gte(t,n_forced*${plan.gopSeconds})`, "-sc_threshold", "0");
  args.push("-c:a", "aac");
  const flags = ["independent_segments", ...(plan.integerDurations ? ["round_durations"] : [])];
  args.push(
    "-f",
    "hls",
    "-hls_time",
    String(plan.segmentSeconds),
    "-hls_playlist_type",
    "vod",
    "-hls_flags",
    flags.join("+"),
    "-hls_segment_type",
    "mpegts",
    "-start_number",
    "1",
    "-hls_segment_filename",
    join(options.outputDir, `${plan.baseName}%v_%05d.ts`),
    "-master_pl_name",
    masterPlaylistName(plan),
    "-var_stream_map",
    plan.renditions.map((rendition, i) => `v:${i},a:${i},name:${rendition.nameModifier}`).join(" "),
    join(options.outputDir, `${plan.baseName}%v.m3u8`),
  );
  return args;
}
