import { MediaPackageChannel } from "@cdktf/provider-aws/lib/media-package-channel";
import { Construct } from "constructs";

export interface PackagingChannelProps {
  readonly namePrefix: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The MediaPackage (v1) channel MediaLive pushes into. It always has two ingest endpoints, one per
 * MediaLive pipeline, so it serves single-pipeline and standard channels alike.
 */
export class PackagingChannel extends Construct {
  /** The channel's id (its name), which MediaLive's MediaPackage destination and the endpoints use. */
  readonly channelId: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: PackagingChannelProps) {
    super(scope, id);
    const channel = new MediaPackageChannel(this, "Channel", {
      channelId: `${props.namePrefix}-live`,
      description: "Live channel: packages MediaLive's ladder as HLS and DASH for CloudFront.",
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.channelId = channel.channelId;
    this.arn = channel.arn;
  }
}
