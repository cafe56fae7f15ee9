import { S3BucketCorsConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration";
import { Construct } from "constructs";
import type { PrivateBucket } from "./private-bucket.js";

export interface BrowserCorsProps {
  readonly rawBucket: PrivateBucket;
  readonly processedBucket: PrivateBucket;
  /** Web origins allowed: the distribution's own and the configured extra ones. */
  readonly origins: readonly string[];
}

/** Cache a preflight for an hour: uploads send one per part otherwise. */
const PREFLIGHT_MAX_AGE_SECONDS = 3600;

/**
 * What browsers may do with the buckets directly: PUT uploads (single and multipart parts) into
 * `RawBucket`, reading `ETag` back because completing a multipart upload needs every part's
 * ETag; and GET/HEAD on `ProcessedBucket`.
 */
export class BrowserCors extends Construct {
  constructor(scope: Construct, id: string, props: BrowserCorsProps) {
    super(scope, id);
    const origins = [...props.origins];
    new S3BucketCorsConfiguration(this, "raw", {
      bucket: props.rawBucket.bucket.id,
      corsRule: [
        {
          id: "browser-uploads",
          allowedMethods: ["PUT"],
          allowedOrigins: origins,
          // content-length is set by the browser itself and never appears in a preflight.
          allowedHeaders: ["content-type", "content-md5", "x-amz-*"],
          exposeHeaders: ["ETag"],
          maxAgeSeconds: PREFLIGHT_MAX_AGE_SECONDS,
        },
      ],
    });
    new S3BucketCorsConfiguration(this, "processed", {
      bucket: props.processedBucket.bucket.id,
      corsRule: [
        {
          id: "playback",
          allowedMethods: ["GET", "HEAD"],
          allowedOrigins: origins,
          allowedHeaders: ["range"],
          exposeHeaders: ["ETag", "Content-Length", "Content-Range"],
          maxAgeSeconds: PREFLIGHT_MAX_AGE_SECONDS,
        },
      ],
    });
  }
}
