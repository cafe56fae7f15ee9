import { Construct } from "constructs";
import { BucketPolicy } from "./bucket-policy.js";
import { PrivateBucket } from "./private-bucket.js";

export interface StateBucketProps {
  /** Exact name when the operator has chosen one (`TF_STATE_BUCKET`), else a unique one from the prefix. */
  readonly bucketName?: string;
  readonly bucketPrefix: string;
}

/**
 * The bucket remote state lives in: private, encrypted, TLS only, versioned so a bad write can
 * be rolled back, and protected from `terraform destroy`.
 */
export class StateBucket extends Construct {
  readonly bucket: PrivateBucket;
  readonly name: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    this.bucket = new PrivateBucket(this, "bucket", {
      bucketPrefix: props.bucketPrefix,
      bucketName: props.bucketName,
      versioned: true,
      noncurrentVersionDays: 90,
      preventDestroy: true,
    });
    new BucketPolicy(this, "policy", { bucket: this.bucket });
    this.name = this.bucket.name;
  }
}
