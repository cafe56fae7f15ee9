import { CloudwatchLogDelivery } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery";
import { CloudwatchLogDeliveryDestination } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination";
import { CloudwatchLogDeliverySource } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-source";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { accountOf } from "./arn.js";
import { BucketPolicy } from "./bucket-policy.js";
import { PrivateBucket } from "./private-bucket.js";

export interface EdgeLoggingProps {
  readonly namePrefix: string;
  /** The distribution whose access logs are kept. */
  readonly distributionArn: string;
  /** Days a log file is kept before S3 deletes it. */
  readonly retentionDays: number;
  /** CloudFront's log delivery is configured through CloudWatch Logs in us-east-1, whatever the stack's region. */
  readonly usEast1: TerraformProvider;
  /** Refuse `terraform destroy` of the log bucket (the logs are the audit trail of an incident). */
  readonly protect: boolean;
}

/** Where the log files land in the bucket: per distribution, then by hour. */
export const EDGE_LOG_SUFFIX_PATH = "cloudfront/{DistributionId}/{yyyy}/{MM}/{dd}/{HH}";

/**
 * CloudFront standard logging (v2) into a private log bucket whose lifecycle deletes each file
 * after `retentionDays`. Version 2, through CloudWatch Logs' vended-log delivery, because the
 * legacy logging writes with object ACLs, which would force ACLs back on for this one bucket;
 * v2 writes as the log delivery service, granted by the bucket policy to this distribution's
 * delivery source alone.
 */
export class EdgeLogging extends Construct {
  readonly bucket: PrivateBucket;
  readonly delivery: CloudwatchLogDelivery;

  constructor(scope: Construct, id: string, props: EdgeLoggingProps) {
    super(scope, id);
    const { namePrefix } = props;
    const provider = props.usEast1;
    this.bucket = new PrivateBucket(this, "LogBucket", {
      bucketPrefix: `${namePrefix}-edge-logs-`,
      expireObjectsAfterDays: props.retentionDays,
      preventDestroy: props.protect,
    });

    const source = new CloudwatchLogDeliverySource(this, "source", {
      provider,
      name: `${namePrefix}-cloudfront`,
      logType: "ACCESS_LOGS",
      resourceArn: props.distributionArn,
    });
    const destination = new CloudwatchLogDeliveryDestination(this, "destination", {
      provider,
      name: `${namePrefix}-edge-logs`,
      outputFormat: "json",
      deliveryDestinationConfiguration: [{ destinationResourceArn: this.bucket.arn }],
    });

    // The grant AWS documents for vended logs to S3, scoped to this account and this delivery source.
    const fromThisDelivery = [
      { test: "StringEquals", variable: "aws:SourceAccount", values: [accountOf(props.distributionArn)] },
      { test: "ArnLike", variable: "aws:SourceArn", values: [source.arn] },
    ];
    const logDelivery = [{ type: "Service" as const, identifiers: ["delivery.logs.amazonaws.com"] }];
    const policy = new BucketPolicy(this, "LogBucketPolicy", {
      bucket: this.bucket,
      statements: [
        {
          sid: "LogDeliveryChecksBucket",
          actions: ["s3:GetBucketAcl", "s3:ListBucket"],
          resources: [this.bucket.arn],
          principals: logDelivery,
          conditions: fromThisDelivery,
        },
        {
          sid: "LogDeliveryWrites",
          actions: ["s3:PutObject"],
          resources: [this.bucket.objectsArn()],
          principals: logDelivery,
          conditions: [...fromThisDelivery, { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] }],
        },
      ],
    });

    this.delivery = new CloudwatchLogDelivery(this, "delivery", {
      provider,
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
      s3DeliveryConfiguration: [{ suffixPath: EDGE_LOG_SUFFIX_PATH, enableHiveCompatiblePath: false }],
      // The first delivery is checked against the bucket policy.
      dependsOn: [policy.policy],
    });
  }
}
