import { CloudformationStack } from "@cdktf/provider-aws/lib/cloudformation-stack";
import { LIVE_MANIFEST_NAME, LiveLadder } from "@video-platform/shared-types";
import { Fn, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { ParameterisedTemplate } from "./parameterised-template.js";
import { isHttpsUrl } from "../../https-url.js";
import { terraformLiteral } from "../terraform-literal.js";

// hashicorp/aws 5.100.0 has no MediaPackage (v1) origin endpoint: hashicorp/terraform-provider-aws#41438.

export interface OriginEndpointsProps {
  readonly namePrefix: string;
  /** The MediaPackage channel the endpoints package. */
  readonly channelId: string;
  /** CDN authorization: only requests carrying the identifier in this secret are served. */
  readonly cdnIdentifierSecretArn: string;
  readonly cdnSecretsRoleArn: string;
  /** How far back viewers can restart the stream (MediaPackage start-over), in seconds. */
  readonly startoverWindowSeconds?: number;
  /** The DASH manifest's clock; by default none (`NONE`). */
  readonly dashUtcTiming?: DashUtcTiming;
  /** What MediaPackage needs in place before the endpoints are created (the CDN secret's value, its role policy). */
  readonly dependsOn?: readonly ITerraformDependable[];
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The `UTCTiming` element of the live DASH manifest, how players align their clock with the
 * stream's. MediaPackage (v1) takes NONE, HTTP-HEAD, HTTP-ISO or HTTP-XSDATE, and the three
 * HTTP modes need a `UtcTimingUri` (a time server); NONE leaves the element out and players use
 * their own default (dash.js: a public time server, else the device clock).
 */
export type DashUtcTiming =
  | { readonly mode: "NONE" }
  | { readonly mode: "HTTP-HEAD" | "HTTP-ISO" | "HTTP-XSDATE"; readonly uri: string };

export const DEFAULT_DASH_UTC_TIMING: DashUtcTiming = { mode: "NONE" };

export interface OriginEndpointSettings {
  readonly segmentSeconds: number;
  /** Length of the live playlist or manifest, in seconds. */
  readonly manifestWindowSeconds: number;
  readonly startoverWindowSeconds: number;
  readonly dashUtcTiming: DashUtcTiming;
}

/** Start-over window MediaPackage accepts (up to 14 days), and the default: two hours. */
export const STARTOVER_WINDOW_RANGE = { min: 0, max: 1_209_600 } as const;
const DEFAULT_STARTOVER_WINDOW_SECONDS = 7_200;
const MANIFEST_WINDOW_SECONDS = 60;

export class OriginEndpointsConfigError extends Error {
  override readonly name = "OriginEndpointsConfigError";
}

/** The CloudFormation template of the HLS and DASH endpoints; Terraform values arrive as parameters. */
export function originEndpointsTemplate(settings: OriginEndpointSettings): ParameterisedTemplate {
  const common = {
    ChannelId: { Ref: "ChannelId" },
    ManifestName: LIVE_MANIFEST_NAME,
    StartoverWindowSeconds: settings.startoverWindowSeconds,
    Origination: "ALLOW",
    // Requests without the CDN identifier header get 403: CloudFront is the only way in.
    Authorization: { CdnIdentifierSecret: { Ref: "CdnIdentifierSecretArn" }, SecretsRoleArn: { Ref: "SecretsRoleArn" } },
  };
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "MediaPackage HLS and DASH origin endpoints of the live channel, readable only through CloudFront.",
    Parameters: {
      ChannelId: { Type: "String" },
      HlsEndpointId: { Type: "String" },
      DashEndpointId: { Type: "String" },
      CdnIdentifierSecretArn: { Type: "String" },
      SecretsRoleArn: { Type: "String" },
    },
    Resources: {
      HlsEndpoint: {
        Type: "AWS::MediaPackage::OriginEndpoint",
        Properties: {
          ...common,
          Id: { Ref: "HlsEndpointId" },
          Description: "Live HLS (TS segments)",
          HlsPackage: {
            SegmentDurationSeconds: settings.segmentSeconds,
            PlaylistWindowSeconds: settings.manifestWindowSeconds,
            PlaylistType: "NONE",
            ProgramDateTimeIntervalSeconds: settings.segmentSeconds,
            IncludeIframeOnlyStream: false,
            AdMarkers: "NONE",
            StreamSelection: { StreamOrder: "VIDEO_BITRATE_DESCENDING" },
          },
        },
      },
      DashEndpoint: {
        Type: "AWS::MediaPackage::OriginEndpoint",
        Properties: {
          ...common,
          Id: { Ref: "DashEndpointId" },
          Description: "Live DASH (fragmented MP4)",
          DashPackage: {
            SegmentDurationSeconds: settings.segmentSeconds,
            ManifestWindowSeconds: settings.manifestWindowSeconds,
            MinBufferTimeSeconds: 3 * settings.segmentSeconds,
            MinUpdatePeriodSeconds: settings.segmentSeconds,
            SuggestedPresentationDelaySeconds: 3 * settings.segmentSeconds,
            SegmentTemplateFormat: "NUMBER_WITH_TIMELINE",
            Profile: "NONE",
            ManifestLayout: "FULL",
            UtcTiming: settings.dashUtcTiming.mode,
            ...(settings.dashUtcTiming.mode === "NONE" ? {} : { UtcTimingUri: settings.dashUtcTiming.uri }),
            StreamSelection: { StreamOrder: "VIDEO_BITRATE_DESCENDING" },
          },
        },
      },
    },
    Outputs: {
      HlsUrl: { Value: { "Fn::GetAtt": ["HlsEndpoint", "Url"] } },
      DashUrl: { Value: { "Fn::GetAtt": ["DashEndpoint", "Url"] } },
    },
  };
}

/** Path of an endpoint URL (`/out/v1/<id>/index.m3u8`), as a Terraform expression with a literal leading `/`. */
const pathOf = (url: string) => `/${Fn.replace(url, "/^https://[^/]+//", "")}`;
/** Host of an endpoint URL, as a Terraform expression. */
const hostOf = (url: string) => Fn.element(Fn.split("/", url), 2);

/**
 * The HLS and DASH origin endpoints of the live channel, with start-over and CDN authorization.
 * MediaPackage serves both under one account- and region-wide host, so one CloudFront origin
 * reaches both.
 */
export class OriginEndpoints extends Construct {
  readonly hlsUrl: string;
  readonly dashUrl: string;
  /** MediaPackage's host, for the CloudFront origin. */
  readonly originDomain: string;
  readonly hlsPath: string;
  readonly dashPath: string;
  readonly settings: OriginEndpointSettings;

  constructor(scope: Construct, id: string, props: OriginEndpointsProps) {
    super(scope, id);
    const startover = props.startoverWindowSeconds ?? DEFAULT_STARTOVER_WINDOW_SECONDS;
    if (!Number.isInteger(startover) || startover < STARTOVER_WINDOW_RANGE.min || startover > STARTOVER_WINDOW_RANGE.max) {
      throw new OriginEndpointsConfigError(
        `start-over window must be ${STARTOVER_WINDOW_RANGE.min}-${STARTOVER_WINDOW_RANGE.max} s, got ${startover}`,
      );
    }
    const dashUtcTiming = props.dashUtcTiming ?? DEFAULT_DASH_UTC_TIMING;
    if (dashUtcTiming.mode !== "NONE" && !isHttpsUrl(dashUtcTiming.uri)) {
      throw new OriginEndpointsConfigError(`DASH UTCTiming ${dashUtcTiming.mode} needs an https:// time source, got "${dashUtcTiming.uri}"`);
    }
    this.settings = {
      segmentSeconds: LiveLadder.segmentSeconds,
      manifestWindowSeconds: MANIFEST_WINDOW_SECONDS,
      startoverWindowSeconds: startover,
      dashUtcTiming,
    };

    const stack = new CloudformationStack(this, "Stack", {
      name: `${props.namePrefix}-live-origin-endpoints`,
      templateBody: terraformLiteral(JSON.stringify(originEndpointsTemplate(this.settings))),
      onFailure: "DELETE",
      parameters: {
        ChannelId: props.channelId,
        HlsEndpointId: `${props.namePrefix}-live-hls`,
        DashEndpointId: `${props.namePrefix}-live-dash`,
        CdnIdentifierSecretArn: props.cdnIdentifierSecretArn,
        SecretsRoleArn: props.cdnSecretsRoleArn,
      },
      // CloudFormation passes stack tags on to the endpoints.
      tags: props.tags ? { ...props.tags } : undefined,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });

    this.hlsUrl = stack.outputs.lookup("HlsUrl");
    this.dashUrl = stack.outputs.lookup("DashUrl");
    this.originDomain = hostOf(this.hlsUrl);
    this.hlsPath = pathOf(this.hlsUrl);
    this.dashPath = pathOf(this.dashUrl);
  }
}
