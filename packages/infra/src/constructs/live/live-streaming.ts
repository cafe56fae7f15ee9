import { LIVE_PATH_PREFIX } from "@video-platform/shared-types";
import { Construct } from "constructs";
import { CdnIdentifier } from "./cdn-identifier.js";
import { ChannelRole } from "./channel-role.js";
import { SOURCES_PER_CHANNEL_CLASS, type LiveChannelClass } from "./channel-class.js";
import { LiveChannel } from "./live-channel.js";
import { liveDeliveryOrigin, type LiveDeliveryOrigin } from "./live-delivery-origin.js";
import { OriginEndpoints, type DashUtcTiming } from "./origin-endpoints.js";
import { PackagingChannel } from "./packaging-channel.js";
import { SrtListenerInput } from "./srt-listener-input.js";
import { SrtPassphrase } from "./srt-passphrase.js";

export interface LiveStreamingProps {
  readonly namePrefix: string;
  readonly channelClass: LiveChannelClass;
  /** Networks the encoder may call the SRT input from. */
  readonly srtAllowedCidrs: readonly string[];
  readonly srtMinimumLatencyMs?: number;
  readonly startoverWindowSeconds?: number;
  /** The DASH manifest's clock (default: none). */
  readonly dashUtcTiming?: DashUtcTiming;
  /** Viewers need playback cookies (`POST /api/live/playback`), as for `/vod/*`; public otherwise. */
  readonly privatePlayback?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The live path: SRT input (listener, passphrase in Secrets Manager, allowed CIDRs only) →
 * MediaLive channel (idle until started) → MediaPackage channel → HLS and DASH endpoints that only
 * CloudFront may read. The distribution itself belongs to the delivery construct, which takes
 * `deliveryOrigin`.
 */
export class LiveStreaming extends Construct {
  readonly channelId: string;
  readonly channelArn: string;
  readonly channelClass: LiveChannelClass;
  readonly passphraseSecretArn: string;
  readonly passphraseSecretName: string;
  /** Comma-separated `srt://address:port` URLs, one per input endpoint. */
  readonly srtIngestUrls: string;
  /** MediaPackage's own URLs; they answer 403 without CloudFront's CDN identifier. */
  readonly hlsEndpointUrl: string;
  readonly dashEndpointUrl: string;
  /** Paths of the HLS and DASH manifests under the distribution (`/out/v1/<id>/index.m3u8`). */
  readonly hlsPath: string;
  readonly dashPath: string;
  readonly deliveryOrigin: LiveDeliveryOrigin;
  /** What playback cookies for the channel cover (`PRIVATE_LIVE_PATH_PREFIX`); "" when it is public. */
  readonly privatePathPrefix: string;

  constructor(scope: Construct, id: string, props: LiveStreamingProps) {
    super(scope, id);
    const { namePrefix, tags } = props;

    const passphrase = new SrtPassphrase(this, "SrtPassphrase", { namePrefix, tags });
    const input = new SrtListenerInput(this, "SrtInput", {
      namePrefix,
      allowedCidrs: props.srtAllowedCidrs,
      passphraseSecretArn: passphrase.secretArn,
      minimumLatencyMs: props.srtMinimumLatencyMs,
      // One listener endpoint per pipeline: the input's class matches the channel's.
      endpoints: SOURCES_PER_CHANNEL_CLASS[props.channelClass],
      tags,
    });
    const packaging = new PackagingChannel(this, "Packaging", { namePrefix, tags });
    const cdnIdentifier = new CdnIdentifier(this, "CdnIdentifier", { namePrefix, tags });
    const endpoints = new OriginEndpoints(this, "Endpoints", {
      namePrefix,
      channelId: packaging.channelId,
      cdnIdentifierSecretArn: cdnIdentifier.secretArn,
      cdnSecretsRoleArn: cdnIdentifier.secretsRoleArn,
      startoverWindowSeconds: props.startoverWindowSeconds,
      dashUtcTiming: props.dashUtcTiming,
      dependsOn: cdnIdentifier.readyForUse,
      tags,
    });
    const role = new ChannelRole(this, "ChannelRole", {
      namePrefix,
      passphraseSecretArn: passphrase.secretArn,
      packagingChannelArn: packaging.arn,
      tags,
    });
    const channel = new LiveChannel(this, "Channel", {
      namePrefix,
      channelClass: props.channelClass,
      inputId: input.inputId,
      packagingChannelId: packaging.channelId,
      roleArn: role.roleArn,
      dependsOn: [role.policy],
      tags,
    });

    this.channelId = channel.channelId;
    this.channelArn = channel.arn;
    this.channelClass = channel.channelClass;
    this.passphraseSecretArn = passphrase.secretArn;
    this.passphraseSecretName = passphrase.secretName;
    this.srtIngestUrls = input.ingestUrls;
    this.hlsEndpointUrl = endpoints.hlsUrl;
    this.dashEndpointUrl = endpoints.dashUrl;
    this.hlsPath = endpoints.hlsPath;
    this.dashPath = endpoints.dashPath;
    const signedCookies = props.privatePlayback ?? false;
    this.deliveryOrigin = liveDeliveryOrigin({ originDomain: endpoints.originDomain, cdnIdentifier, signedCookies });
    this.privatePathPrefix = signedCookies ? LIVE_PATH_PREFIX : "";
  }
}
