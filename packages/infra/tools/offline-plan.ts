/**
 * What turns a synthesized stack into one Terraform can plan with no AWS account and no network:
 * local state, and a provider with fake keys whose every endpoint is a closed loopback port.
 */

/** The discard port on loopback: nothing listens, so a stray API call fails at once. */
export const UNREACHABLE_ENDPOINT = "http://127.0.0.1:9";

/** Every service the platform's stacks use (endpoint names of hashicorp/aws 5.100.0). */
export const PLANNED_SERVICES = [
  "acm",
  "apigatewayv2",
  "cloudformation",
  "cloudfront",
  "cloudwatch",
  "cognitoidp",
  "dynamodb",
  "eventbridge",
  "iam",
  "kms",
  "lambda",
  "logs",
  "mediaconvert",
  "medialive",
  "mediapackage",
  "s3",
  "secretsmanager",
  "sns",
  "sqs",
  "ssm",
  "sts",
  "wafv2",
] as const;

/**
 * Settings of an `aws` provider that talks to something other than AWS (a closed port, moto):
 * fake keys, no lookup that needs a real account, and every listed service at `endpoint`.
 */
export function notAwsProviderSettings(keys: string, endpoint: string, services: readonly string[]): Record<string, unknown> {
  return {
    access_key: keys,
    secret_key: keys,
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    endpoints: [Object.fromEntries(services.map((service) => [service, endpoint]))],
  };
}

/**
 * `settings` for the default `aws` provider and for each alias: in an override file, Terraform
 * merges each entry into the stack's block of the same alias, keeping its region.
 */
export function everyAwsProvider(aliases: readonly string[], settings: Record<string, unknown>): Record<string, unknown>[] {
  return [settings, ...aliases.map((alias) => ({ alias, ...settings }))];
}

/**
 * `override.tf.json`: every configuration of the provider (the stack's region, us-east-1) is
 * offline.
 */
export function offlineProviderOverride(aliases: readonly string[] = []): Record<string, unknown> {
  const offline = { ...notAwsProviderSettings("offline-plan", UNREACHABLE_ENDPOINT, PLANNED_SERVICES), max_retries: 1 };
  return { provider: { aws: everyAwsProvider(aliases, offline) } };
}

/** The aliases of the stack's `aws` provider configurations. */
export function providerAliases(stackJson: { readonly provider?: unknown }): string[] {
  const providers = (stackJson.provider as { aws?: { alias?: string }[] } | undefined)?.aws ?? [];
  return providers.flatMap((provider) => (provider.alias === undefined ? [] : [provider.alias]));
}

/** The stack's JSON with its backend removed, so the plan keeps state in the scratch directory. */
export function withoutBackend(stackJson: Record<string, unknown>): Record<string, unknown> {
  const terraform = { ...(stackJson.terraform as Record<string, unknown> | undefined) };
  delete terraform.backend;
  return { ...stackJson, terraform };
}
