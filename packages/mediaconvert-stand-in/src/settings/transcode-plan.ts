import type { JobSettings, Output, OutputGroup } from "@aws-sdk/client-mediaconvert";

/** One HLS rendition as the stand-in encodes it. */
export interface PlannedRendition {
  readonly nameModifier: string;
  readonly width: number;
  readonly height: number;
  /** Keep the picture's aspect ratio and pad (MediaConvert's DEFAULT) or stretch to the frame. */
  readonly scaling: "LETTERBOX" | "STRETCH";
  readonly maxBitrate: number;
  /** QVBR quality level 1–10, when the rate control is QVBR. */
  readonly qvbrQualityLevel: number | undefined;
  readonly bFrames: number;
  readonly profile: "baseline" | "main" | "high";
  readonly audioBitrate: number;
  readonly audioSampleRate: number;
  readonly audioChannels: number;
}

/** What a MovieHLS-like job asks for, in the terms ffmpeg needs. */
export interface TranscodePlan {
  readonly input: S3Location;
  readonly destination: S3Location;
  /** The input's file name without extension: MediaConvert names the outputs after it. */
  readonly baseName: string;
  readonly gopSeconds: number;
  readonly segmentSeconds: number;
  readonly integerDurations: boolean;
  readonly renditions: readonly PlannedRendition[];
}

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

/** A job whose settings the stand-in cannot run; MediaConvert would refuse it at CreateJob too. */
export class UnsupportedJobSettingsError extends Error {
  override readonly name = "UnsupportedJobSettingsError";
}

export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(url);
  if (!match?.[1]) throw new UnsupportedJobSettingsError(`not an s3:// URL: ${url}`);
  return { bucket: match[1], key: match[2] ?? "" };
}

function baseNameOf(key: string): string {
  const file = key.slice(key.lastIndexOf("/") + 1);
  const dot = file.lastIndexOf(".");
  return dot > 0 ? file.slice(0, dot) : file;
}

const PROFILES = { BASELINE: "baseline", MAIN: "main", HIGH: "high" } as const;

const AUDIO_CHANNELS: Readonly<Record<string, number>> = {
  CODING_MODE_1_0: 1,
  CODING_MODE_1_1: 2,
  CODING_MODE_2_0: 2,
  CODING_MODE_5_1: 6,
};

function renditionOf(output: Output, index: number): PlannedRendition {
  const video = output.VideoDescription;
  const h264 = video?.CodecSettings?.H264Settings;
  if (video?.CodecSettings?.Codec !== "H_264" || !h264) {
    throw new UnsupportedJobSettingsError(`output ${index + 1}: only H_264 video is supported locally`);
  }
  if (!video.Width || !video.Height) {
    throw new UnsupportedJobSettingsError(`output ${index + 1}: Width and Height are required locally`);
  }
  const maxBitrate = h264.MaxBitrate ?? h264.Bitrate;
  if (!maxBitrate) throw new UnsupportedJobSettingsError(`output ${index + 1}: needs MaxBitrate or Bitrate`);
  const aac = output.AudioDescriptions?.[0]?.CodecSettings?.AacSettings;
  if (output.AudioDescriptions?.[0]?.CodecSettings?.Codec !== "AAC" || !aac?.Bitrate) {
    throw new UnsupportedJobSettingsError(`output ${index + 1}: only AAC audio with a Bitrate is supported locally`);
  }
  return {
    nameModifier: output.NameModifier ?? `_${index + 1}`,
    width: video.Width,
    height: video.Height,
    scaling: video.ScalingBehavior === "STRETCH_TO_OUTPUT" ? "STRETCH" : "LETTERBOX",
    maxBitrate,
    qvbrQualityLevel: h264.RateControlMode === "QVBR" ? (h264.QvbrSettings?.QvbrQualityLevel ?? 7) : undefined,
    bFrames: h264.NumberBFramesBetweenReferenceFrames ?? 2,
    profile: PROFILES[(h264.CodecProfile ?? "MAIN") as keyof typeof PROFILES] ?? "main",
    audioBitrate: aac.Bitrate,
    audioSampleRate: aac.SampleRate ?? 48_000,
    audioChannels: AUDIO_CHANNELS[aac.CodingMode ?? "CODING_MODE_2_0"] ?? 2,
  };
}

function hlsGroupOf(settings: JobSettings): OutputGroup {
  const groups = settings.OutputGroups ?? [];
  const hls = groups.filter((group) => group.OutputGroupSettings?.Type === "HLS_GROUP_SETTINGS");
  if (hls.length !== 1 || groups.length !== 1) {
    throw new UnsupportedJobSettingsError("exactly one output group, of type HLS_GROUP_SETTINGS, is supported locally");
  }
  return hls[0] as OutputGroup;
}

/** Reads a job's settings as MediaConvert would: input, HLS destination, and the ladder. */
export function planTranscode(settings: JobSettings): TranscodePlan {
  const fileInput = settings.Inputs?.[0]?.FileInput;
  if (!fileInput) throw new UnsupportedJobSettingsError("Inputs[0].FileInput is required");
  const group = hlsGroupOf(settings);
  const hls = group.OutputGroupSettings?.HlsGroupSettings;
  if (!hls?.Destination) throw new UnsupportedJobSettingsError("HlsGroupSettings.Destination is required");
  const outputs = group.Outputs ?? [];
  if (outputs.length === 0) throw new UnsupportedJobSettingsError("the HLS group has no outputs");
  const renditions = outputs.map(renditionOf);
  const first = outputs[0]?.VideoDescription?.CodecSettings?.H264Settings;
  const gopSize = first?.GopSize ?? 2;
  if (first?.GopSizeUnits === "FRAMES") {
    throw new UnsupportedJobSettingsError("GopSizeUnits FRAMES is not supported locally; use SECONDS");
  }
  const input = parseS3Url(fileInput);
  const destination = parseS3Url(hls.Destination);
  // A destination ending in "/" is a folder; otherwise its last segment replaces the base name.
  const destinationIsFolder = destination.key === "" || destination.key.endsWith("/");
  return {
    input,
    destination: destinationIsFolder
      ? destination
      : { bucket: destination.bucket, key: destination.key.slice(0, destination.key.lastIndexOf("/") + 1) },
    baseName: destinationIsFolder ? baseNameOf(input.key) : baseNameOf(destination.key),
    gopSeconds: gopSize,
    segmentSeconds: hls.SegmentLength ?? 10,
    integerDurations: hls.ManifestDurationFormat !== "FLOATING_POINT",
    renditions,
  };
}
