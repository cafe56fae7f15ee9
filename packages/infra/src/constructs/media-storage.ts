import type { PlatformBuckets } from "@video-platform/shared-types";
import { Construct } from "constructs";
import { BucketPolicy } from "./bucket-policy.js";
import { PrivateBucket } from "./private-bucket.js";

export interface MediaStorageProps {
  readonly namePrefix: string;
  /** Which buckets publish their events to EventBridge: the topology's `buckets`. */
  readonly buckets: PlatformBuckets;
  /**
   * Protect what cannot be re-created: every bucket refuses `terraform destroy`, and the raw
   * bucket keeps overwritten or deleted uploads for `NONCURRENT_UPLOAD_DAYS`.
   */
  readonly protect: boolean;
}

/** How long a deleted or overwritten upload stays recoverable in a protected raw bucket. */
export const NONCURRENT_UPLOAD_DAYS = 30;

/**
 * The platform's three buckets. `RawBucket` takes uploads and publishes its events to
 * EventBridge; `ProcessedBucket` and `WebBucket` are origins of the distribution, which writes
 * their policies (the grant names the distribution). Protected, the raw bucket is versioned:
 * uploads are the only copy of a studio's originals, while renditions and the web app can be
 * rebuilt from them and from the repository.
 */
export class MediaStorage extends Construct {
  readonly raw: PrivateBucket;
  readonly processed: PrivateBucket;
  readonly web: PrivateBucket;

  constructor(scope: Construct, id: string, props: MediaStorageProps) {
    super(scope, id);
    const preventDestroy = props.protect;
    this.raw = new PrivateBucket(this, "RawBucket", {
      bucketPrefix: `${props.namePrefix}-raw-`,
      eventBridge: props.buckets.raw.eventBridge,
      preventDestroy,
      versioned: props.protect,
      noncurrentVersionDays: NONCURRENT_UPLOAD_DAYS,
    });
    new BucketPolicy(this, "RawBucketPolicy", { bucket: this.raw });
    this.processed = new PrivateBucket(this, "ProcessedBucket", {
      bucketPrefix: `${props.namePrefix}-processed-`,
      eventBridge: props.buckets.processed.eventBridge,
      preventDestroy,
    });
    this.web = new PrivateBucket(this, "WebBucket", { bucketPrefix: `${props.namePrefix}-web-`, preventDestroy });
  }
}
