import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { TerraformStack } from "cdktf";
import { configureStateBackend, type RemoteStateSettings } from "./remote-state.js";

/**
 * The Terraform CLI every stack needs: 1.10 brought the S3 backend's native lock file
 * (`use_lockfile`), which the remote state relies on; 2.x may change what 1.x accepts.
 */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.10.0, < 2.0.0";

/** The region of everything CloudFront-global: web ACLs, certificates, log delivery sources. */
const CLOUDFRONT_CONTROL_REGION = "us-east-1";
const US_EAST_1_ALIAS = "us_east_1";

export interface StackSettings {
  readonly region: string;
  readonly remoteState: RemoteStateSettings | undefined;
  /** An environment stack's environment: the `Environment` tag of every resource it creates. */
  readonly environment?: string;
}

/** The default tags of every resource the app creates, whichever provider creates it. */
function defaultTagsOf(environment: string | undefined) {
  const tags: Record<string, string> = { Project: "video-platform", ManagedBy: "terraform" };
  if (environment !== undefined) tags.Environment = environment;
  return [{ tags }];
}

/**
 * What every stack of the app declares: the Terraform version, where its state lives, and its
 * AWS provider in its own region, with the project's default tags.
 */
export function configureStack(stack: TerraformStack, id: string, settings: StackSettings): AwsProvider {
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
  configureStateBackend(stack, id, settings.region, settings.remoteState);
  return new AwsProvider(stack, "aws", { region: settings.region, defaultTags: defaultTagsOf(settings.environment) });
}

/** A second provider, in us-east-1, for what CloudFront reads only from there (its WAF, its log delivery). */
export function usEast1Provider(stack: TerraformStack, environment?: string): AwsProvider {
  return new AwsProvider(stack, "aws-us-east-1", {
    alias: US_EAST_1_ALIAS,
    region: CLOUDFRONT_CONTROL_REGION,
    defaultTags: defaultTagsOf(environment),
  });
}
