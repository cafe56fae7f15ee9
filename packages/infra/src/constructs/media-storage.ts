import type { PlatformBuckets } from "@video-platform/shared-types";
import { Construct } from "constructs";
import { BucketPolicy } from "./bucket-policy.js";
import { PrivateBucket } from "./private-bucket.js";

export interface MediaStorageProps {
  readonly namePrefix: string;
  /** Which buckets publish their events to EventBridge: the topology's `buckets`. */
  readonly buckets: PlatformBuckets;
}

/**
 * The platform's three buckets. `RawBucket` takes uploads and publishes its events to
 * EventBridge; `ProcessedBucket` and `WebBucket` are origins of the distribution, which writes
 * their policies (the grant names the distribution).
 */
export class MediaStorage extends Construct {
  readonly raw: PrivateBucket;
  readonly processed: PrivateBucket;
  readonly web: PrivateBucket;

  constructor(scope: Construct, id: string, props: MediaStorageProps) {
    super(scope, id);
    this.raw = new PrivateBucket(this, "RawBucket", {
      bucketPrefix: `${props.namePrefix}-raw-`,
      eventBridge: props.buckets.raw.eventBridge,
    });
    new BucketPolicy(this, "RawBucketPolicy", { bucket: this.raw });
    this.processed = new PrivateBucket(this, "ProcessedBucket", {
      bucketPrefix: `${props.namePrefix}-processed-`,
      eventBridge: props.buckets.processed.eventBridge,
    });
    this.web = new PrivateBucket(this, "WebBucket", { bucketPrefix: `${props.namePrefix}-web-` });
  }
}
