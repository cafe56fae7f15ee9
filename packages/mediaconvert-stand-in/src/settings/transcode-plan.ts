import type { JobSettings, Output, OutputGroup } from "@aws-sdk/client-mediaconvert";
import type { S3Location } from "../s3/s3-objects.js";
import { frameCapturesOf, type PlannedFrameCapture } from "./frame-capture-plan.js";
import { destinationOf, parseS3Url, UnsupportedJobSettingsError } from "./s3-location.js";

export { UnsupportedJobSettingsError } from "./s3-location.js";
export type { S3Location } from "../s3/s3-objects.js";
export type { PlannedFrameCapture } from "./frame-capture-plan.js";

export interface PlannedAudio {
  readonly bitrate: number;
  readonly sampleRate: number;
  readonly channels: number;
}

export interface FrameRateFraction {
  readonly numerator: number;
  readonly denominator: number;
}

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
  /** The output frame rate when the job specifies one; the source's otherwise. */
  readonly frameRate: FrameRateFraction | undefined;
  /** AAC settings; undefined for a video-only rendition. */
  readonly audio: PlannedAudio | undefined;
}

/**
 * How the input picture is turned before scaling: `AUTO` follows the file's rotation metadata,
 * a number turns it clockwise by that much whatever the metadata says (0: as stored).
 */
export type InputRotation = "AUTO" | 0 | 90 | 180 | 270;

/** What a job asks for, in the terms ffmpeg needs: one HLS group, and any frame-capture groups. */
export interface TranscodePlan {
  readonly input: S3Location;
  readonly rotation: InputRotation;
  /** The HLS group's folder. */
  readonly destination: S3Location;
  /** MediaConvert names the HLS outputs after the input (or the destination's last segment). */
  readonly baseName: string;
  readonly gopSeconds: number;
  readonly segmentSeconds: number;
  readonly integerDurations: boolean;
  readonly renditions: readonly PlannedRendition[];
  readonly frameCaptures: readonly PlannedFrameCapture[];
}

const PROFILES = { BASELINE: "baseline", MAIN: "main", HIGH: "high" } as const;

const AUDIO_CHANNELS: Readonly<Record<string, number>> = {
  CODING_MODE_1_0: 1,
  CODING_MODE_1_1: 2,
  CODING_MODE_2_0: 2,
  CODING_MODE_5_1: 6,
};

const ROTATIONS: Readonly<Record<string, InputRotation>> = { AUTO: "AUTO", DEGREES_0: 0, DEGREES_90: 90, DEGREES_180: 180, DEGREES_270: 270 };

function audioOf(output: Output, index: number): PlannedAudio | undefined {
  const description = output.AudioDescriptions?.[0];
  if (description === undefined) return undefined;
  const aac = description.CodecSettings?.AacSettings;
  if (description.CodecSettings?.Codec !== "AAC" || !aac?.Bitrate) {
    throw new UnsupportedJobSettingsError(`output ${index + 1}: only AAC audio with a Bitrate is supported locally`);
  }
  return { bitrate: aac.Bitrate, sampleRate: aac.SampleRate ?? 48_000, channels: AUDIO_CHANNELS[aac.CodingMode ?? "CODING_MODE_2_0"] ?? 2 };
}

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
  const specified = h264.FramerateControl === "SPECIFIED";
  if (specified && (!h264.FramerateNumerator || !h264.FramerateDenominator)) {
    throw new UnsupportedJobSettingsError(`output ${index + 1}: a SPECIFIED frame rate needs its numerator and denominator`);
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
    frameRate: specified ? { numerator: h264.FramerateNumerator ?? 0, denominator: h264.FramerateDenominator ?? 0 } : undefined,
    audio: audioOf(output, index),
  };
}

/** MediaConvert needs one output that is not a frame capture; the stand-in runs exactly one HLS group beside them. */
function hlsGroupOf(groups: readonly OutputGroup[]): OutputGroup {
  const hls = groups.filter((group) => group.OutputGroupSettings?.Type === "HLS_GROUP_SETTINGS");
  if (hls.length !== 1) {
    throw new UnsupportedJobSettingsError("exactly one output group of type HLS_GROUP_SETTINGS is supported locally (frame-capture file groups may join it)");
  }
  return hls[0] as OutputGroup;
}

/** Reads a job's settings as MediaConvert would: input, HLS destination, the ladder and the stills. */
export function planTranscode(settings: JobSettings): TranscodePlan {
  const firstInput = settings.Inputs?.[0];
  if (!firstInput?.FileInput) throw new UnsupportedJobSettingsError("Inputs[0].FileInput is required");
  const groups = settings.OutputGroups ?? [];
  const group = hlsGroupOf(groups);
  const hls = group.OutputGroupSettings?.HlsGroupSettings;
  if (!hls?.Destination) throw new UnsupportedJobSettingsError("HlsGroupSettings.Destination is required");
  const outputs = group.Outputs ?? [];
  if (outputs.length === 0) throw new UnsupportedJobSettingsError("the HLS group has no outputs");
  const renditions = outputs.map(renditionOf);
  const first = outputs[0]?.VideoDescription?.CodecSettings?.H264Settings;
  if (first?.GopSizeUnits === "FRAMES") {
    throw new UnsupportedJobSettingsError("GopSizeUnits FRAMES is not supported locally; use SECONDS");
  }
  const input = parseS3Url(firstInput.FileInput);
  const { folder, baseName } = destinationOf(hls.Destination, input.key);
  return {
    input,
    rotation: ROTATIONS[firstInput.VideoSelector?.Rotate ?? "DEGREES_0"] ?? 0,
    destination: folder,
    baseName,
    gopSeconds: first?.GopSize ?? 2,
    segmentSeconds: hls.SegmentLength ?? 10,
    integerDurations: hls.ManifestDurationFormat !== "FLOATING_POINT",
    renditions,
    frameCaptures: groups.filter((other) => other !== group).flatMap((other) => frameCapturesOf(other, input.key)),
  };
}
