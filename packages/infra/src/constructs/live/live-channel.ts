import { MedialiveChannel, type MedialiveChannelEncoderSettings } from "@cdktf/provider-aws/lib/medialive-channel";
import { LiveLadder, type LiveLadderSpec } from "@video-platform/shared-types";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { LiveChannelClass } from "./channel-class.js";

export interface LiveChannelProps {
  readonly namePrefix: string;
  /** SINGLE_PIPELINE (one encoder, half the price) or STANDARD (two pipelines, for redundancy). */
  readonly channelClass: LiveChannelClass;
  readonly inputId: string;
  readonly packagingChannelId: string;
  readonly roleArn: string;
  /** What must exist before the channel does (its role's policy): an ARN alone does not order it. */
  readonly dependsOn?: readonly ITerraformDependable[];
  readonly ladder?: LiveLadderSpec;
  readonly tags?: Readonly<Record<string, string>>;
}

const AUDIO_SELECTOR = "default-audio";
const MEDIAPACKAGE_DESTINATION = "mediapackage";

/** MediaLive encoder settings for the ladder: one H.264 + AAC output per rung, to MediaPackage. */
export function liveEncoderSettings(ladder: LiveLadderSpec): MedialiveChannelEncoderSettings {
  return {
    timecodeConfig: { source: "SYSTEMCLOCK" },
    videoDescriptions: ladder.renditions.map((rendition) => ({
      name: `video_${rendition.name}`,
      // The MediaPackage output group needs explicit sizes, aspect ratio and frame rate.
      width: rendition.width,
      height: rendition.height,
      respondToAfd: "NONE",
      scalingBehavior: "DEFAULT",
      sharpness: 50,
      codecSettings: {
        h264Settings: {
          rateControlMode: "CBR",
          bitrate: rendition.videoBitrate,
          bufSize: 2 * rendition.videoBitrate,
          profile: "HIGH",
          level: "H264_LEVEL_AUTO",
          entropyEncoding: "CABAC",
          framerateControl: "SPECIFIED",
          framerateNumerator: ladder.frameRate,
          framerateDenominator: 1,
          parControl: "SPECIFIED",
          parNumerator: 1,
          parDenominator: 1,
          // A closed GOP per segment: every segment of every rung starts with an IDR frame.
          gopSize: ladder.gopSeconds,
          gopSizeUnits: "SECONDS",
          gopClosedCadence: 1,
          gopNumBFrames: 2,
          gopBReference: "ENABLED",
          sceneChangeDetect: "ENABLED",
          adaptiveQuantization: "HIGH",
          lookAheadRateControl: "HIGH",
          scanType: "PROGRESSIVE",
          colorMetadata: "INSERT",
          afdSignaling: "NONE",
          timecodeInsertion: "DISABLED",
        },
      },
    })),
    // One audio encode per output: MediaLive pairs each output with its own audio description.
    audioDescriptions: ladder.renditions.map((rendition) => ({
      name: `audio_${rendition.name}`,
      audioSelectorName: AUDIO_SELECTOR,
      audioTypeControl: "FOLLOW_INPUT",
      languageCodeControl: "FOLLOW_INPUT",
      codecSettings: {
        aacSettings: {
          bitrate: ladder.audio.bitrate,
          sampleRate: ladder.audio.sampleRate,
          codingMode: "CODING_MODE_2_0",
          inputType: "NORMAL",
          profile: "LC",
          rateControlMode: "CBR",
          rawFormat: "NONE",
          spec: "MPEG4",
        },
      },
    })),
    outputGroups: [
      {
        name: "MediaPackage",
        outputGroupSettings: {
          mediaPackageGroupSettings: { destination: { destinationRefId: MEDIAPACKAGE_DESTINATION } },
        },
        outputs: ladder.renditions.map((rendition) => ({
          outputName: rendition.name,
          videoDescriptionName: `video_${rendition.name}`,
          audioDescriptionNames: [`audio_${rendition.name}`],
          outputSettings: { mediaPackageOutputSettings: {} },
        })),
      },
    ],
  };
}

/**
 * The MediaLive channel: SRT input in, the H.264/AAC ladder out to MediaPackage. Created idle: a
 * running channel is billed by the hour, so starting and stopping it is an operator's act.
 */
export class LiveChannel extends Construct {
  readonly channelId: string;
  readonly arn: string;
  readonly channelClass: LiveChannelClass;

  constructor(scope: Construct, id: string, props: LiveChannelProps) {
    super(scope, id);
    const ladder = props.ladder ?? LiveLadder;
    const channel = new MedialiveChannel(this, "Channel", {
      name: `${props.namePrefix}-live`,
      channelClass: props.channelClass,
      roleArn: props.roleArn,
      startChannel: false,
      logLevel: "WARNING",
      // Billing tier: HD AVC up to 10 Mbit/s covers a 1080p contribution stream.
      inputSpecification: { codec: "AVC", inputResolution: "HD", maximumBitrate: "MAX_10_MBPS" },
      inputAttachments: [
        {
          inputAttachmentName: "srt",
          inputId: props.inputId,
          inputSettings: {
            // An encoder that drops out for a moment should not end the event.
            sourceEndBehavior: "CONTINUE",
            audioSelector: [{ name: AUDIO_SELECTOR }],
          },
        },
      ],
      destinations: [{ id: MEDIAPACKAGE_DESTINATION, mediaPackageSettings: [{ channelId: props.packagingChannelId }] }],
      encoderSettings: liveEncoderSettings(ladder),
      tags: props.tags ? { ...props.tags } : undefined,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    this.channelId = channel.channelId;
    this.arn = channel.arn;
    this.channelClass = props.channelClass;
  }
}
