import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { UPLOAD_KEY_PREFIX, VOD_OUTPUT_PREFIX } from "@video-platform/shared-types";
import { Construct } from "constructs";
import { policyDocument, serviceTrustPolicy } from "./policy-document.js";
import type { PrivateBucket } from "./private-bucket.js";

export interface TranscodingRoleProps {
  readonly namePrefix: string;
  readonly rawBucket: PrivateBucket;
  readonly processedBucket: PrivateBucket;
  /** The account whose jobs may assume the role (Terraform expression). */
  readonly account: string;
}

/** The role MediaConvert assumes for this platform's jobs: read uploads, write HLS output. */
export class TranscodingRole extends Construct {
  readonly role: IamRole;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: TranscodingRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: `${props.namePrefix}-MediaConvert`,
      assumeRolePolicy: serviceTrustPolicy(this, "trust", "mediaconvert.amazonaws.com", props.account).json,
    });
    const permissions = policyDocument(this, "permissions", [
      { sid: "ReadUploads", actions: ["s3:GetObject"], resources: [props.rawBucket.objectsArn(UPLOAD_KEY_PREFIX)] },
      { sid: "WriteRenditions", actions: ["s3:PutObject"], resources: [props.processedBucket.objectsArn(VOD_OUTPUT_PREFIX)] },
    ]);
    new IamRolePolicy(this, "policy", { name: "read-raw-write-processed", role: this.role.id, policy: permissions.json });
    this.arn = this.role.arn;
  }
}
