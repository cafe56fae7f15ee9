import { MediaConvertQueue } from "@cdktf/provider-aws/lib/media-convert-queue";
import { Construct } from "constructs";

export interface TranscodingQueueProps {
  readonly namePrefix: string;
}

/**
 * The environment's own MediaConvert queue (on-demand pricing: billed per minute transcoded,
 * nothing while idle). Jobs of different environments never share a queue, so the queue's
 * metrics, and the alarm on failed jobs, count this environment's jobs alone: a failing dev job
 * does not page whoever watches prod.
 */
export class TranscodingQueue extends Construct {
  readonly queue: MediaConvertQueue;
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: TranscodingQueueProps) {
    super(scope, id);
    this.queue = new MediaConvertQueue(this, "queue", {
      name: `${props.namePrefix}-vod`,
      description: "Transcodes this environment's uploads (MovieHLS jobs).",
      pricingPlan: "ON_DEMAND",
      status: "ACTIVE",
    });
    this.arn = this.queue.arn;
    this.name = this.queue.name;
  }
}
