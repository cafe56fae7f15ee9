import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import {
  S3BucketLifecycleConfiguration,
  type S3BucketLifecycleConfigurationRule,
} from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";

export interface PrivateBucketProps {
  /** S3 appends a unique suffix: bucket names are global, and two environments must not collide. */
  readonly bucketPrefix: string;
  /** An exact name instead, when one was chosen outside (e.g. the state bucket). */
  readonly bucketName?: string;
  /** Keep old object versions (for state files); expired after `noncurrentVersionDays`. */
  readonly versioned?: boolean;
  readonly noncurrentVersionDays?: number;
  /** Delete every object this many days after it was written (logs). */
  readonly expireObjectsAfterDays?: number;
  /** Publish this bucket's events to EventBridge. */
  readonly eventBridge?: boolean;
  /** Refuse `terraform destroy` while the bucket exists. */
  readonly preventDestroy?: boolean;
}

/** Days after which an unfinished multipart upload is aborted: its parts cost money and serve nothing. */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 1;

/**
 * A bucket nobody reaches from the internet: every public access blocked, ACLs disabled (the
 * owner owns every object), encrypted by default, unfinished uploads cleaned up. Its policy is
 * a `BucketPolicy`, made by whoever grants access, so that the grant can name its grantee.
 */
export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly name: string;
  readonly arn: string;
  readonly regionalDomainName: string;
  /** Resources a bucket policy must wait for (S3 rejects policies while public access settings change). */
  readonly publicAccessBlock: S3BucketPublicAccessBlock;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "bucket", {
      ...(props.bucketName === undefined ? { bucketPrefix: props.bucketPrefix } : { bucket: props.bucketName }),
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.name = this.bucket.bucket;
    this.arn = this.bucket.arn;
    this.regionalDomainName = this.bucket.bucketRegionalDomainName;

    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      bucket: this.bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });

    const rules: S3BucketLifecycleConfigurationRule[] = [
      {
        id: "abort-incomplete-multipart-uploads",
        status: "Enabled",
        filter: [{}],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
      },
    ];
    if (props.expireObjectsAfterDays !== undefined) {
      rules.push({
        id: "expire-objects",
        status: "Enabled",
        filter: [{}],
        expiration: [{ days: props.expireObjectsAfterDays }],
      });
    }
    if (props.versioned) {
      const versioning = new S3BucketVersioningA(this, "versioning", {
        bucket: this.bucket.id,
        versioningConfiguration: { status: "Enabled" },
      });
      rules.push({
        id: "expire-noncurrent-versions",
        status: "Enabled",
        filter: [{}],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 90 }],
        // A delete marker with no versions left behind it is clutter that every listing pays for.
        expiration: [{ expiredObjectDeleteMarker: true }],
      });
      new S3BucketLifecycleConfiguration(this, "lifecycle", { bucket: this.bucket.id, rule: rules, dependsOn: [versioning] });
    } else {
      new S3BucketLifecycleConfiguration(this, "lifecycle", { bucket: this.bucket.id, rule: rules });
    }

    if (props.eventBridge) {
      new S3BucketNotification(this, "eventbridge", { bucket: this.bucket.id, eventbridge: true });
    }
  }

  /** ARN of the objects under `prefix` (e.g. `uploads/`), for policies. */
  objectsArn(prefix = ""): string {
    return `${this.arn}/${prefix}*`;
  }
}
