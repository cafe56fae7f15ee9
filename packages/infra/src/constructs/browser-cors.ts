import { S3BucketCorsConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration";
import type { BrowserAccess, PlatformBuckets } from "@video-platform/shared-types";
import { Construct } from "constructs";
import type { PrivateBucket } from "./private-bucket.js";

export interface BrowserCorsProps {
  readonly rawBucket: PrivateBucket;
  readonly processedBucket: PrivateBucket;
  /** What browsers may do with each bucket: the topology's `buckets`. */
  readonly buckets: PlatformBuckets;
  /** Web origins allowed: the distribution's own and the configured extra ones. */
  readonly origins: readonly string[];
}

/** The buckets' CORS rules: the browser access the topology asks for, from the environment's origins. */
export class BrowserCors extends Construct {
  constructor(scope: Construct, id: string, props: BrowserCorsProps) {
    super(scope, id);
    const rule = (access: BrowserAccess) => ({
      id: access.id,
      allowedMethods: [...access.methods],
      allowedOrigins: [...props.origins],
      allowedHeaders: [...access.allowedHeaders],
      exposeHeaders: [...access.exposeHeaders],
      maxAgeSeconds: access.maxAgeSeconds,
    });
    new S3BucketCorsConfiguration(this, "raw", {
      bucket: props.rawBucket.bucket.id,
      corsRule: [rule(props.buckets.raw.browserAccess)],
    });
    new S3BucketCorsConfiguration(this, "processed", {
      bucket: props.processedBucket.bucket.id,
      corsRule: [rule(props.buckets.processed.browserAccess)],
    });
  }
}
