import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { Construct } from "constructs";
import { policyDocument, type PolicyStatement } from "./policy-document.js";
import type { PrivateBucket } from "./private-bucket.js";

export interface BucketPolicyProps {
  readonly bucket: PrivateBucket;
  /** Grants on top of the TLS rule (e.g. CloudFront's read through Origin Access Control). */
  readonly statements?: readonly PolicyStatement[];
}

/** A bucket's one policy: requests without TLS are denied, whoever makes them; then the grants. */
export class BucketPolicy extends Construct {
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: BucketPolicyProps) {
    super(scope, id);
    const { bucket } = props;
    const document = policyDocument(this, "document", [
      {
        sid: "DenyInsecureTransport",
        effect: "Deny",
        actions: ["s3:*"],
        resources: [bucket.arn, bucket.objectsArn()],
        principals: [{ type: "*", identifiers: ["*"] }],
        conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      },
      ...(props.statements ?? []),
    ]);
    this.policy = new S3BucketPolicy(this, "policy", {
      bucket: bucket.bucket.id,
      policy: document.json,
      dependsOn: [bucket.publicAccessBlock],
    });
  }
}
