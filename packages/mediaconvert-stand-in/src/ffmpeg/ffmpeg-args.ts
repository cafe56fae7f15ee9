import { join } from "node:path";
import type { PlannedFrameCapture } from "../settings/frame-capture-plan.js";
import type { InputRotation, PlannedRendition, TranscodePlan } from "../settings/transcode-plan.js";

export interface FfmpegRunOptions {
  readonly inputPath: string;
  /** Scratch folder: the HLS output goes to `hls/`, each frame capture to `capture-<n>/` (`outputFolders`). */
  readonly outputDir: string;
  /** x264 preset; MediaConvert's quality tuning has no exact match, so speed is a local choice. */
  readonly preset: string;
  /**
   * Renditions that ask for audio get silence when the input has none, as MediaConvert's default
   * audio selector gives them; renditions without audio settings stay video-only.
   */
  readonly inputHasAudio: boolean;
}

/** Where one run writes each group, under its scratch folder. */
export function outputFolders(plan: TranscodePlan, outputDir: string): { hls: string; captures: string[] } {
  return { hls: join(outputDir, "hls"), captures: plan.frameCaptures.map((_, index) => join(outputDir, `capture-${index}`)) };
}

/** x264 CRF for a QVBR quality level: level 7 ≈ CRF 23 (x264's default), each level ≈ 2 CRF steps. */
export function crfForQvbrLevel(level: number): number {
  return Math.min(51, Math.max(0, 37 - 2 * level));
}

/** ffmpeg's JPEG scale (2 best … 31 worst) for MediaConvert's JPEG quality (100 best … 1 worst). */
export function jpegScaleForQuality(quality: number): number {
  return Math.round(2 + ((100 - Math.min(100, Math.max(1, quality))) / 99) * 29);
}

function scaleFilter(size: { width: number; height: number }, scaling: PlannedRendition["scaling"] = "LETTERBOX"): string {
  const { width, height } = size;
  if (scaling === "STRETCH") return `scale=${width}:${height},setsar=1`;
  return (
    `scale=${width}:${height}:force_original_aspect_ratio=decrease,` +
    `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1`
  );
}

/** The turn applied before scaling; `AUTO` is ffmpeg's own autorotation, from the file's display matrix. */
const TURNS: Readonly<Record<Exclude<InputRotation, "AUTO">, string>> = {
  0: "",
  90: "transpose=clock,",
  180: "hflip,vflip,",
  270: "transpose=cclock,",
};

/** The playlist and segment names MediaConvert gives a rendition: `<base><nameModifier>...`. */
export function renditionPlaylistName(plan: TranscodePlan, rendition: PlannedRendition): string {
  return `${plan.baseName}${rendition.nameModifier}.m3u8`;
}

export function masterPlaylistName(plan: TranscodePlan): string {
  return `${plan.baseName}.m3u8`;
}

/** A capture's file name pattern: `<fileBase>.NNNNNNN.jpg`, numbered from 0 like MediaConvert's. */
export function captureFileName(capture: PlannedFrameCapture, index: number | "%07d"): string {
  return `${capture.fileBase}.${index === "%07d" ? index : String(index).padStart(7, "0")}.jpg`;
}

function renditionChain(rendition: PlannedRendition, i: number): string {
  const rate = rendition.frameRate ? `fps=${rendition.frameRate.numerator}/${rendition.frameRate.denominator},` : "";
  return `[s${i}]${rate}${scaleFilter(rendition, rendition.scaling)}[v${i}]`;
}

function captureChain(capture: PlannedFrameCapture, k: number, first: number): string {
  return `[s${first + k}]fps=${capture.rate.numerator}/${capture.rate.denominator},${scaleFilter(capture)}[f${k}]`;
}

/**
 * One ffmpeg run that encodes every rendition of the plan into HLS and writes every frame
 * capture, reporting on `-progress`.
 */
export function ffmpegArguments(plan: TranscodePlan, options: FfmpegRunOptions): string[] {
  const folders = outputFolders(plan, options.outputDir);
  const branches = plan.renditions.length + plan.frameCaptures.length;
  const turn = plan.rotation === "AUTO" ? "" : TURNS[plan.rotation];
  const split = `[0:v]${turn}split=${branches}${Array.from({ length: branches }, (_, i) => `[s${i}]`).join("")}`;
  const chains = [
    ...plan.renditions.map(renditionChain),
    ...plan.frameCaptures.map((capture, k) => captureChain(capture, k, plan.renditions.length)),
  ];
  const wantsAudio = plan.renditions.some((rendition) => rendition.audio !== undefined);
  const silence = wantsAudio && !options.inputHasAudio;

  const args = ["-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-nostats", "-progress", "pipe:1"];
  // Without AUTO, the picture is taken as stored (MediaConvert's DEGREES_0) and turned only as asked.
  if (plan.rotation !== "AUTO") args.push("-noautorotate");
  args.push("-i", options.inputPath);
  if (silence) args.push("-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000");
  args.push("-filter_complex", [split, ...chains].join(";"));

  const audioSource = silence ? "1:a:0" : "0:a:0";
  const streamMap: string[] = [];
  let audioIndex = 0;
  plan.renditions.forEach((rendition, i) => {
    args.push("-map", `[v${i}]`);
    args.push(`-profile:v:${i}`, rendition.profile);
    args.push(`-bf:v:${i}`, String(rendition.bFrames));
    args.push(`-maxrate:v:${i}`, String(rendition.maxBitrate), `-bufsize:v:${i}`, String(2 * rendition.maxBitrate));
    if (rendition.qvbrQualityLevel !== undefined) {
      args.push(`-crf:v:${i}`, String(crfForQvbrLevel(rendition.qvbrQualityLevel)));
    } else {
      args.push(`-b:v:${i}`, String(rendition.maxBitrate));
    }
    if (rendition.audio === undefined) {
      streamMap.push(`v:${i},name:${rendition.nameModifier}`);
      return;
    }
    const a = audioIndex++;
    args.push("-map", audioSource);
    args.push(`-b:a:${a}`, String(rendition.audio.bitrate));
    args.push(`-ar:a:${a}`, String(rendition.audio.sampleRate), `-ac:a:${a}`, String(rendition.audio.channels));
    streamMap.push(`v:${i},a:${a},name:${rendition.nameModifier}`);
  });
  if (silence) args.push("-shortest");
  args.push("-c:v", "libx264", "-preset", options.preset, "-pix_fmt", "yuv420p");
  // Closed GOPs on a fixed time grid and no scene-cut keyframes: every rendition cuts alike.
  args.push("-force_key_frames", `expr:gte(t,n_forced*${plan.gopSeconds})`, "-sc_threshold", "0");
  if (wantsAudio) args.push("-c:a", "aac");
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
    join(folders.hls, `${plan.baseName}%v_%05d.ts`),
    "-master_pl_name",
    masterPlaylistName(plan),
    "-var_stream_map",
    streamMap.join(" "),
    join(folders.hls, `${plan.baseName}%v.m3u8`),
  );
  plan.frameCaptures.forEach((capture, k) => {
    args.push("-map", `[f${k}]`, "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", String(jpegScaleForQuality(capture.quality)));
    args.push("-frames:v", String(capture.maxCaptures), "-start_number", "0", "-f", "image2");
    args.push(join(folders.captures[k] ?? options.outputDir, captureFileName(capture, "%07d")));
  });
  return args;
}
