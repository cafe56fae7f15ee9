import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { StateBucket } from "../constructs/state-bucket.js";
import type { RemoteStateSettings } from "../remote-state.js";
import { configureStack } from "../terraform-settings.js";

export interface StateBootstrapStackProps {
  readonly region: string;
  /** `TF_STATE_BUCKET` when set, so the bucket created is the one the other stacks will use. */
  readonly bucketName?: string;
  /**
   * Where this stack's own state lives: in the bucket it creates once that exists, locally
   * (`terraform.state-bootstrap.tfstate`) for the first apply that creates it.
   */
  readonly remoteState?: RemoteStateSettings;
}

/**
 * Creates the remote-state bucket. Its first apply keeps its state local (the bucket does not
 * exist yet); the state is then pushed into the bucket, where every later plan reads it.
 */
export class StateBootstrapStack extends TerraformStack {
  readonly stateBucket: StateBucket;

  constructor(scope: Construct, id: string, props: StateBootstrapStackProps) {
    super(scope, id);
    configureStack(this, id, { region: props.region, remoteState: props.remoteState });
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
