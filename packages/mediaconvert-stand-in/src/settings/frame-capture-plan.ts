import type { OutputGroup } from "@aws-sdk/client-mediaconvert";
import type { S3Location } from "../s3/s3-objects.js";
import { destinationOf, UnsupportedJobSettingsError } from "./s3-location.js";

/** One frame-capture output: JPEGs named `<fileBase>.NNNNNNN.jpg` from 0, as MediaConvert names them. */
export interface PlannedFrameCapture {
  readonly folder: S3Location;
  /** The destination's name plus the output's name modifier. */
  readonly fileBase: string;
  readonly width: number;
  readonly height: number;
  /** Captures per second, as a fraction: the first frame, then one every denominator/numerator seconds. */
  readonly rate: { readonly numerator: number; readonly denominator: number };
  readonly maxCaptures: number;
  /** JPEG quality 1–100. */
  readonly quality: number;
}

/** MediaConvert's own ceiling on `MaxCaptures`. */
const MAX_CAPTURES = 10_000_000;

/** The frame-capture outputs of a file group; any other kind of group or output is refused. */
export function frameCapturesOf(group: OutputGroup, inputKey: string): PlannedFrameCapture[] {
  const name = group.Name ?? group.OutputGroupSettings?.Type ?? "an output group";
  const file = group.OutputGroupSettings?.FileGroupSettings;
  if (group.OutputGroupSettings?.Type !== "FILE_GROUP_SETTINGS" || !file?.Destination) {
    throw new UnsupportedJobSettingsError(`${name}: besides HLS, only file groups with a Destination are supported locally`);
  }
  const { folder, baseName } = destinationOf(file.Destination, inputKey);
  return (group.Outputs ?? []).map((output, index) => {
    const video = output.VideoDescription;
    const capture = video?.CodecSettings?.FrameCaptureSettings;
    if (video?.CodecSettings?.Codec !== "FRAME_CAPTURE" || !capture || output.AudioDescriptions?.length) {
      throw new UnsupportedJobSettingsError(`${name}, output ${index + 1}: only FRAME_CAPTURE outputs without audio are supported locally in a file group`);
    }
    if (!video.Width || !video.Height) throw new UnsupportedJobSettingsError(`${name}, output ${index + 1}: Width and Height are required locally`);
    return {
      folder,
      fileBase: `${baseName}${output.NameModifier ?? ""}`,
      width: video.Width,
      height: video.Height,
      rate: { numerator: capture.FramerateNumerator ?? 1, denominator: capture.FramerateDenominator ?? 1 },
      maxCaptures: capture.MaxCaptures ?? MAX_CAPTURES,
      quality: capture.Quality ?? 80,
    };
  });
}
