import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { TerraformStack } from "cdktf";

/**
 * The Terraform CLI every stack needs: 1.10 brought the S3 backend's native lock file
 * (`use_lockfile`), which the remote state relies on; 2.x may change what 1.x accepts.
 */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.10.0, < 2.0.0";

/** The region of everything CloudFront-global: web ACLs, certificates, log delivery sources. */
export const CLOUDFRONT_CONTROL_REGION = "us-east-1";
export const US_EAST_1_ALIAS = "us_east_1";

export function requireTerraformVersion(stack: TerraformStack): void {
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
}

export interface StackProviders {
  /** The stack's own region. */
  readonly main: AwsProvider;
  /** us-east-1, for CloudFront's WAF and log delivery. */
  readonly usEast1: AwsProvider;
}

/** The stack's AWS providers, with the same default tags on every resource either creates. */
export function awsProviders(stack: TerraformStack, region: string, tags: Readonly<Record<string, string>>): StackProviders {
  const defaultTags = [{ tags: { ...tags } }];
  return {
    main: new AwsProvider(stack, "aws", { region, defaultTags }),
    usEast1: new AwsProvider(stack, "aws-us-east-1", { alias: US_EAST_1_ALIAS, region: CLOUDFRONT_CONTROL_REGION, defaultTags }),
  };
}
