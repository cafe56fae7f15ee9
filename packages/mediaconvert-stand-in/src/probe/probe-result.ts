import type { AspectRatio, Codec, Format, FrameRate, Metadata, ProbeResult, Track } from "@aws-sdk/client-mediaconvert";
import type { FfprobeReport, FfprobeStream } from "./ffprobe.js";

/**
 * ffprobe's report in the shape of MediaConvert's `Probe` answer (`ProbeResult`): the container
 * format by MediaConvert's names, one track per stream (indexes from 1; cover art is not a video
 * track), display rotation clockwise, durations in seconds. A file ffprobe cannot read gets what
 * Probe documents for an unrecognised format: a container with no format and no tracks.
 */
const CODECS: Readonly<Record<string, Codec>> = {
  h264: "AVC",
  hevc: "HEVC",
  av1: "AV1",
  vp8: "VP8",
  vp9: "VP9",
  mpeg2video: "MPEG2",
  mpeg1video: "MPEG1",
  mpeg4: "MP4V",
  prores: "PRORES",
  mjpeg: "MJPEG",
  jpeg2000: "JPEG2000",
  theora: "THEORA",
  vc1: "VC1",
  h263: "H263",
  dvvideo: "DV",
  aac: "AAC",
  mp3: "MP3",
  mp2: "MP2",
  ac3: "AC3",
  eac3: "EAC3",
  flac: "FLAC",
  opus: "OPUS",
  vorbis: "VORBIS",
  wmav2: "WMA2",
  amr_nb: "AMR",
  webvtt: "WEBVTT",
};

const FORMATS: Readonly<Record<string, Format>> = {
  mp3: "mp3",
  wav: "wave",
  flac: "flac",
  aac: "aac",
  ac3: "ac3",
  eac3: "eac3",
  asf: "asf",
  avi: "avi",
  mpegts: "mpegts",
  mpeg: "mpegps",
  ogg: "ogg",
  mxf: "mxf",
};

function formatOf(report: FfprobeReport, head: Buffer): Format | undefined {
  const names = (report.format?.format_name ?? "").split(",");
  if (names.includes("mov")) {
    const brand = report.format?.tags?.["major_brand"]?.trim() ?? "";
    if (brand === "qt") return "quicktime";
    if (brand.startsWith("3gp")) return "three_gp";
    if (brand.startsWith("3g2")) return "three_g2";
    return "mp4";
  }
  if (names.includes("matroska")) return head.includes("webm") ? "webm" : "matroska";
  return names.map((name) => FORMATS[name]).find((format) => format !== undefined);
}

const positive = (value: number | undefined) => (value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined);
const numberOf = (text: string | undefined) => positive(text === undefined ? undefined : Number(text));

/** "30000/1001" or "16:9" as MediaConvert's fraction; nothing for "0/0", "N/A" and "0:1". */
function fraction(text: string | undefined, separator: "/" | ":"): (FrameRate & AspectRatio) | undefined {
  const [numerator, denominator] = (text ?? "").split(separator).map(Number);
  if (!positive(numerator) || !positive(denominator)) return undefined;
  return { Numerator: numerator, Denominator: denominator };
}

/** Matroska keeps stream lengths in a `DURATION` tag ("00:00:05.007000000"). */
function durationOf(stream: FfprobeStream): number | undefined {
  const tagged = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(stream.tags?.["DURATION"] ?? "");
  return numberOf(stream.duration) ?? (tagged ? positive(Number(tagged[1]) * 3600 + Number(tagged[2]) * 60 + Number(tagged[3])) : undefined);
}

/** ffmpeg's display matrix angle is counter-clockwise; MediaConvert reports clockwise, nothing for 0. */
function clockwiseRotationOf(stream: FfprobeStream): number | undefined {
  const matrix = stream.side_data_list?.find((side) => side.side_data_type === "Display Matrix")?.rotation;
  const degrees = matrix === undefined ? Number(stream.tags?.["rotate"] ?? 0) : -matrix;
  const clockwise = ((Math.round(degrees) % 360) + 360) % 360;
  return clockwise === 0 ? undefined : clockwise;
}

function trackOf(stream: FfprobeStream, index: number): Track {
  const common = { Index: index, Codec: CODECS[stream.codec_name ?? ""] ?? "UNKNOWN", Duration: durationOf(stream) } as const;
  if (stream.codec_type === "video") {
    const frameRate = fraction(stream.avg_frame_rate, "/") ?? fraction(stream.r_frame_rate, "/");
    return {
      ...common,
      TrackType: "video",
      VideoProperties: {
        Width: stream.width,
        Height: stream.height,
        FrameRate: frameRate,
        BitRate: numberOf(stream.bit_rate),
        BitDepth: numberOf(stream.bits_per_raw_sample),
        Rotation: clockwiseRotationOf(stream),
        CodecMetadata: {
          Width: stream.width,
          Height: stream.height,
          Profile: stream.profile,
          Level: stream.level === undefined ? undefined : String(stream.level),
          ChromaSubsampling: stream.pix_fmt,
          CodedFrameRate: fraction(stream.r_frame_rate, "/"),
          SampleAspectRatio: fraction(stream.sample_aspect_ratio, ":"),
          DisplayAspectRatio: fraction(stream.display_aspect_ratio, ":"),
          ScanType: stream.field_order === undefined ? undefined : stream.field_order === "progressive" ? "progressive" : "interlaced",
        },
      },
    };
  }
  if (stream.codec_type === "audio") {
    const language = stream.tags?.["language"];
    return {
      ...common,
      TrackType: "audio",
      AudioProperties: {
        Channels: stream.channels,
        SampleRate: numberOf(stream.sample_rate),
        BitRate: numberOf(stream.bit_rate),
        BitDepth: numberOf(stream.bits_per_raw_sample),
        ChannelLayout: stream.channel_layout,
        LanguageCode: language === undefined || language === "und" ? undefined : language,
      },
    };
  }
  return { ...common, TrackType: "data", DataProperties: {} };
}

/** Streams Probe would list: video (not cover art), audio, subtitles and data. */
function isTrack(stream: FfprobeStream): boolean {
  if (stream.codec_type === "video") return stream.disposition?.attached_pic !== 1;
  return stream.codec_type === "audio" || stream.codec_type === "subtitle" || stream.codec_type === "data";
}

/** Drops absent members, as the service leaves out what it does not know. */
function compact<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function probeResultOf(report: FfprobeReport | undefined, head: Buffer, metadata: Metadata): ProbeResult {
  if (report === undefined) return { Container: { Tracks: [] }, Metadata: metadata, TrackMappings: [] };
  const tracks = (report.streams ?? []).filter(isTrack).map((stream, position) => trackOf(stream, position + 1));
  const indexesOf = (type: Track["TrackType"]) => tracks.filter((track) => track.TrackType === type).map((track) => track.Index ?? 0);
  return {
    Container: compact({
      Format: formatOf(report, head),
      Duration: numberOf(report.format?.duration),
      BitRate: numberOf(report.format?.bit_rate),
      Tracks: tracks,
    }),
    Metadata: metadata,
    TrackMappings: [{ VideoTrackIndexes: indexesOf("video"), AudioTrackIndexes: indexesOf("audio"), DataTrackIndexes: indexesOf("data") }],
  };
}
