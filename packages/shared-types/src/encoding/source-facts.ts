import type { AspectRatio, ProbeResponse, Track, VideoProperties } from "@aws-sdk/client-mediaconvert";
import type { PictureSize } from "./picture-size.js";

/**
 * What an upload is, as MediaConvert's `Probe` reports it, in the terms a ladder needs. The
 * picture size is the one a viewer sees: after the pixel aspect ratio and the rotation the file
 * asks for, so a phone clip stored as 1920×1080 with a 90° rotation is a 1080×1920 video.
 */
export interface SourceFacts {
  /** Probe's container format (`mp4`, `webm`, `quicktime`, ...), or `unknown`. */
  readonly container: string;
  /** The first video track; undefined when the file has none (an audio file, for instance). */
  readonly video: VideoTrackFacts | undefined;
  readonly audioTrackCount: number;
  /** Undefined when neither the container nor the video track states a duration. */
  readonly durationSeconds: number | undefined;
}

export interface VideoTrackFacts {
  /** Probe's codec name (`AVC`, `HEVC`, `VP9`, ...), or `UNKNOWN`. */
  readonly codec: string;
  /** Display width and height: after pixel aspect ratio and rotation. */
  readonly display: PictureSize;
  /** Clockwise rotation the file asks players to apply, in degrees. */
  readonly rotation: Rotation;
  /** Where the rotation is written: container metadata (MP4 `tkhd`, Matroska) or the codec bitstream. */
  readonly rotationSource: "container" | "codec" | "none";
  /** Undefined when Probe reports none (the encoder then follows whatever the decoder finds). */
  readonly frameRate: FrameRate | undefined;
}

export type Rotation = 0 | 90 | 180 | 270;

export interface FrameRate {
  readonly numerator: number;
  readonly denominator: number;
}

/** Probe's answer, read: the facts, or why the file cannot be taken for a media file at all. */
export type ProbeReading =
  | { readonly readable: true; readonly facts: SourceFacts }
  | { readonly readable: false; readonly detail: string };

const positiveInteger = (value: number | undefined): value is number =>
  value !== undefined && Number.isInteger(value) && value > 0;

/** MediaConvert rotates only by quarter turns, and only when the metadata is within 1° of one. */
function quarterTurn(degrees: number | undefined): Rotation | undefined {
  if (degrees === undefined || !Number.isFinite(degrees)) return undefined;
  const normalized = ((degrees % 360) + 360) % 360;
  const turn = Math.round(normalized / 90) % 4;
  if (Math.abs(normalized - Math.round(normalized / 90) * 90) > 1) return undefined;
  return ([0, 90, 180, 270] as const)[turn];
}

function rotationOf(properties: VideoProperties): Pick<VideoTrackFacts, "rotation" | "rotationSource"> {
  const container = quarterTurn(properties.Rotation);
  if (container !== undefined && container !== 0) return { rotation: container, rotationSource: "container" };
  const codec = quarterTurn(properties.CodecMetadata?.Rotation);
  if (codec !== undefined && codec !== 0) return { rotation: codec, rotationSource: "codec" };
  return { rotation: 0, rotationSource: "none" };
}

function ratioOf(ratio: AspectRatio | undefined): number | undefined {
  if (!positiveInteger(ratio?.Numerator) || !positiveInteger(ratio?.Denominator)) return undefined;
  return ratio.Numerator / ratio.Denominator;
}

/**
 * Stored pixels are not always square (anamorphic DV and DVD: 720×576 shown as 1024×576).
 * The container's declaration wins over the bitstream's, as in players; a display aspect ratio
 * stands in when no pixel aspect ratio is declared.
 */
function displayWidthOf(properties: VideoProperties, width: number, height: number): number {
  const codec = properties.CodecMetadata;
  const pixelAspect = ratioOf(properties.SampleAspectRatio) ?? ratioOf(codec?.SampleAspectRatio);
  if (pixelAspect !== undefined) return Math.max(1, Math.round(width * pixelAspect));
  const displayAspect = ratioOf(properties.DisplayAspectRatio) ?? ratioOf(codec?.DisplayAspectRatio);
  if (displayAspect !== undefined && Math.abs(displayAspect - width / height) > 0.01 * displayAspect) {
    return Math.max(1, Math.round(height * displayAspect));
  }
  return width;
}

function frameRateOf(properties: VideoProperties): FrameRate | undefined {
  for (const rate of [properties.FrameRate, properties.CodecMetadata?.CodedFrameRate]) {
    if (positiveInteger(rate?.Numerator) && positiveInteger(rate?.Denominator)) {
      return { numerator: rate.Numerator, denominator: rate.Denominator };
    }
  }
  return undefined;
}

function videoFactsOf(track: Track): VideoTrackFacts | string {
  const properties = track.VideoProperties ?? {};
  const width = properties.Width ?? properties.CodecMetadata?.Width;
  const height = properties.Height ?? properties.CodecMetadata?.Height;
  if (!positiveInteger(width) || !positiveInteger(height)) return "the video track has no picture size";
  const displayWidth = displayWidthOf(properties, width, height);
  const { rotation, rotationSource } = rotationOf(properties);
  const quarter = rotation === 90 || rotation === 270;
  return {
    codec: track.Codec ?? "UNKNOWN",
    display: quarter ? { width: height, height: displayWidth } : { width: displayWidth, height },
    rotation,
    rotationSource,
    frameRate: frameRateOf(properties),
  };
}

const positiveSeconds = (value: number | undefined): number | undefined =>
  value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;

/** Reads the first (and, for one input file, only) result of a `Probe` call. */
export function readProbe(response: ProbeResponse): ProbeReading {
  const result = response.ProbeResults?.[0];
  const container = result?.Container;
  if (!container) return { readable: false, detail: "Probe returned no container for the file" };
  const tracks = container.Tracks ?? [];
  if (!container.Format && tracks.length === 0) {
    return { readable: false, detail: "Probe recognised neither a container format nor any track" };
  }
  const videoTrack = tracks.find((track) => track.TrackType === "video");
  const video = videoTrack ? videoFactsOf(videoTrack) : undefined;
  if (typeof video === "string") return { readable: false, detail: video };
  return {
    readable: true,
    facts: {
      container: container.Format ?? "unknown",
      video,
      audioTrackCount: tracks.filter((track) => track.TrackType === "audio").length,
      durationSeconds: positiveSeconds(container.Duration) ?? positiveSeconds(videoTrack?.Duration),
    },
  };
}
