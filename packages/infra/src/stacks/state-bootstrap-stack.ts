import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { StateBucket } from "../constructs/state-bucket.js";
import { requireTerraformVersion } from "../terraform-settings.js";

export interface StateBootstrapStackProps {
  readonly region: string;
  /** `TF_STATE_BUCKET` when set, so the bucket created is the one the other stacks will use. */
  readonly bucketName?: string;
}

/**
 * Creates the remote-state bucket. Its own state stays local (it cannot live in the bucket it
 * creates); keep `terraform.state-bootstrap.tfstate` somewhere safe or re-import the bucket.
 */
export class StateBootstrapStack extends TerraformStack {
  readonly stateBucket: StateBucket;

  constructor(scope: Construct, id: string, props: StateBootstrapStackProps) {
    super(scope, id);
    new AwsProvider(this, "aws", {
      region: props.region,
      defaultTags: [{ tags: { Project: "video-platform", ManagedBy: "terraform" } }],
    });
    requireTerraformVersion(this);
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    this.stateBucket = new StateBucket(this, "TerraformState", {
      bucketName: props.bucketName,
      bucketPrefix: "video-platform-tfstate-",
    });
    new TerraformOutput(this, "state_bucket_name", {
      value: this.stateBucket.name,
      description: "Set TF_STATE_BUCKET to this to keep every other stack's state here",
    }).overrideLogicalId("state_bucket_name");
  }
}
