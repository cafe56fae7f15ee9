import type {
  AacSettings,
  H264QvbrSettings,
  H264Settings,
  HlsGroupSettings,
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

function renditionOutput(ladder: MovieHlsLadderSpec, rendition: MovieHlsRendition): Output {
  return {
    NameModifier: rendition.nameModifier,
    ContainerSettings: { Container: "M3U8", M3u8Settings: {} },
    OutputSettings: { HlsSettings: {} },
    VideoDescription: {
      ...rendition.video,
      ScalingBehavior: "DEFAULT",
      CodecSettings: {
        Codec: "H_264",
        H264Settings: {
          RateControlMode: "QVBR",
          QvbrSettings: { ...rendition.h264.QvbrSettings },
          MaxBitrate: rendition.h264.MaxBitrate,
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
          FramerateControl: "INITIALIZE_FROM_SOURCE",
        },
      },
    },
    AudioDescriptions: [
      {
        AudioSourceName: AUDIO_SELECTOR_NAME,
        CodecSettings: {
          Codec: "AAC",
          AacSettings: { ...ladder.audio, Bitrate: rendition.audio.Bitrate, RateControlMode: "CBR" },
        },
      },
    ],
  };
}

function hlsOutputGroup(ladder: MovieHlsLadderSpec, destination?: string): OutputGroup {
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
    Outputs: ladder.renditions.map((rendition) => renditionOutput(ladder, rendition)),
  };
}

/** The settings of the `MovieHLS` job template (destination comes with each job). */
export function buildMovieHlsJobTemplateSettings(ladder: MovieHlsLadderSpec = MovieHlsLadder): JobTemplateSettings {
  return {
    TimecodeConfig: { Source: "ZEROBASED" },
    Inputs: [
      {
        AudioSelectors: { [AUDIO_SELECTOR_NAME]: { DefaultSelection: "DEFAULT" } },
        VideoSelector: {},
        TimecodeSource: "ZEROBASED",
      },
    ],
    OutputGroups: [hlsOutputGroup(ladder)],
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
    OutputGroups: [hlsOutputGroup(ladder, input.destination)],
  };
}
