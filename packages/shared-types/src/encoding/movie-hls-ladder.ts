import type {
  AacSettings,
  H264QvbrSettings,
  H264Settings,
  HlsGroupSettings,
  InputTemplate,
  JobSettings,
  JobTemplateSettings,
  Output,
  OutputGroup,
  StatusUpdateInterval,
  VideoDescription,
} from "@aws-sdk/client-mediaconvert";

/** One rung of the ladder, in MediaConvert's own member names. */
export interface MovieHlsRendition {
  /** Appended to the input's base name for this rendition's playlist and segments. */
  readonly nameModifier: string;
  readonly video: Required<Pick<VideoDescription, "Width" | "Height">>;
  readonly h264: Required<Pick<H264Settings, "MaxBitrate">> & {
    readonly QvbrSettings: Required<Pick<H264QvbrSettings, "QvbrQualityLevel">>;
  };
  readonly audio: Required<Pick<AacSettings, "Bitrate">>;
}

export interface MovieHlsLadderSpec {
  readonly templateName: string;
  readonly renditions: readonly MovieHlsRendition[];
  /** Every rendition closes a GOP on the same 2-second grid, so players can switch at any segment. */
  readonly gopSeconds: NonNullable<H264Settings["GopSize"]>;
  readonly segmentSeconds: NonNullable<HlsGroupSettings["SegmentLength"]>;
  readonly audio: Required<Pick<AacSettings, "CodingMode" | "SampleRate" | "CodecProfile">>;
  readonly statusUpdateInterval: StatusUpdateInterval;
}

const MBPS = 1_000_000;

/** The `MovieHLS` ladder: four H.264 QVBR renditions with CBR AAC, 2 s GOPs, 6 s segments. */
export const MovieHlsLadder: MovieHlsLadderSpec = {
  templateName: "MovieHLS",
  renditions: [
    {
      nameModifier: "_1080p",
      video: { Width: 1920, Height: 1080 },
      h264: { MaxBitrate: 8.5 * MBPS, QvbrSettings: { QvbrQualityLevel: 9 } },
      audio: { Bitrate: 128_000 },
    },
    {
      nameModifier: "_720p",
      video: { Width: 1280, Height: 720 },
      h264: { MaxBitrate: 6 * MBPS, QvbrSettings: { QvbrQualityLevel: 8 } },
      audio: { Bitrate: 128_000 },
    },
    {
      nameModifier: "_540p",
      video: { Width: 960, Height: 540 },
      h264: { MaxBitrate: 3.5 * MBPS, QvbrSettings: { QvbrQualityLevel: 7 } },
      audio: { Bitrate: 96_000 },
    },
    {
      nameModifier: "_360p",
      video: { Width: 640, Height: 360 },
      h264: { MaxBitrate: 1.5 * MBPS, QvbrSettings: { QvbrQualityLevel: 7 } },
      audio: { Bitrate: 96_000 },
    },
  ],
  gopSeconds: 2,
  segmentSeconds: 6,
  audio: { CodingMode: "CODING_MODE_2_0", SampleRate: 48_000, CodecProfile: "LC" },
  statusUpdateInterval: "SECONDS_10",
};

export const AUDIO_SELECTOR_NAME = "Audio Selector 1";

/** The input as every job reads it: zero-based timecode, the default audio track when there is one. */
export function movieInput(options: { hasAudio: boolean }): InputTemplate {
  return {
    ...(options.hasAudio ? { AudioSelectors: { [AUDIO_SELECTOR_NAME]: { DefaultSelection: "DEFAULT" } } } : {}),
    VideoSelector: {},
    TimecodeSource: "ZEROBASED",
  };
}

/**
 * One HLS rendition in plain numbers: a `MovieHLS` rung, or a rung derived from one for a
 * particular source.
 */
export interface HlsRung {
  readonly nameModifier: string;
  readonly width: number;
  readonly height: number;
  readonly maxBitrate: number;
  readonly qvbrQualityLevel: number;
  /** AAC bitrate; undefined for a video-only rendition (the source has no audio). */
  readonly audioBitrate: number | undefined;
}

/** H.264 settings a derived rung adds to the template's: frame rate and pixel shape. */
export type RungEncoding = Pick<
  H264Settings,
  "FramerateControl" | "FramerateNumerator" | "FramerateDenominator" | "FramerateConversionAlgorithm" | "ParControl" | "ParNumerator" | "ParDenominator"
>;

export function rungOf(rendition: MovieHlsRendition): HlsRung {
  return {
    nameModifier: rendition.nameModifier,
    width: rendition.video.Width,
    height: rendition.video.Height,
    maxBitrate: rendition.h264.MaxBitrate,
    qvbrQualityLevel: rendition.h264.QvbrSettings.QvbrQualityLevel,
    audioBitrate: rendition.audio.Bitrate,
  };
}

export function hlsRenditionOutput(
  ladder: MovieHlsLadderSpec,
  rung: HlsRung,
  encoding: RungEncoding = { FramerateControl: "INITIALIZE_FROM_SOURCE" },
): Output {
  return {
    NameModifier: rung.nameModifier,
    ContainerSettings: { Container: "M3U8", M3u8Settings: {} },
    OutputSettings: { HlsSettings: {} },
    VideoDescription: {
      Width: rung.width,
      Height: rung.height,
      ScalingBehavior: "DEFAULT",
      CodecSettings: {
        Codec: "H_264",
        H264Settings: {
          RateControlMode: "QVBR",
          QvbrSettings: { QvbrQualityLevel: rung.qvbrQualityLevel },
          MaxBitrate: rung.maxBitrate,
          GopSize: ladder.gopSeconds,
          GopSizeUnits: "SECONDS",
          GopClosedCadence: 1,
          // Keeps the IDR grid identical across renditions while still cutting at scene changes.
          SceneChangeDetect: "TRANSITION_DETECTION",
          NumberBFramesBetweenReferenceFrames: 2,
          CodecProfile: "HIGH",
          CodecLevel: "AUTO",
          InterlaceMode: "PROGRESSIVE",
          QualityTuningLevel: "SINGLE_PASS_HQ",
          ...encoding,
        },
      },
    },
    ...(rung.audioBitrate === undefined
      ? {}
      : {
          AudioDescriptions: [
            {
              AudioSourceName: AUDIO_SELECTOR_NAME,
              CodecSettings: {
                Codec: "AAC",
                AacSettings: { ...ladder.audio, Bitrate: rung.audioBitrate, RateControlMode: "CBR" },
              },
            },
          ],
        }),
  };
}

export function hlsOutputGroup(ladder: MovieHlsLadderSpec, outputs: Output[], destination?: string): OutputGroup {
  return {
    Name: "Apple HLS",
    OutputGroupSettings: {
      Type: "HLS_GROUP_SETTINGS",
      HlsGroupSettings: {
        ...(destination === undefined ? {} : { Destination: destination }),
        SegmentLength: ladder.segmentSeconds,
        SegmentLengthControl: "GOP_MULTIPLE",
        MinSegmentLength: 0,
        SegmentControl: "SEGMENTED_FILES",
        DirectoryStructure: "SINGLE_DIRECTORY",
        OutputSelection: "MANIFESTS_AND_SEGMENTS",
        ManifestDurationFormat: "INTEGER",
        CodecSpecification: "RFC_4281",
        StreamInfResolution: "INCLUDE",
        ClientCache: "ENABLED",
        ProgramDateTime: "EXCLUDE",
      },
    },
    Outputs: outputs,
  };
}

const templateOutputs = (ladder: MovieHlsLadderSpec): Output[] =>
  ladder.renditions.map((rendition) => hlsRenditionOutput(ladder, rungOf(rendition)));

/** The settings of the `MovieHLS` job template (destination comes with each job). */
export function buildMovieHlsJobTemplateSettings(ladder: MovieHlsLadderSpec = MovieHlsLadder): JobTemplateSettings {
  return {
    TimecodeConfig: { Source: "ZEROBASED" },
    Inputs: [movieInput({ hasAudio: true })],
    OutputGroups: [hlsOutputGroup(ladder, templateOutputs(ladder))],
  };
}

/**
 * The settings of one job: the template's, with the input file and the destination filled in.
 * The job carries them in full so that what runs never depends on a template edited by hand.
 */
export function buildMovieHlsJobSettings(
  input: { fileInput: string; destination: string },
  ladder: MovieHlsLadderSpec = MovieHlsLadder,
): JobSettings {
  const template = buildMovieHlsJobTemplateSettings(ladder);
  return {
    ...template,
    Inputs: (template.Inputs ?? []).map((templateInput) => ({ ...templateInput, FileInput: input.fileInput })),
    OutputGroups: [hlsOutputGroup(ladder, templateOutputs(ladder), input.destination)],
  };
}
