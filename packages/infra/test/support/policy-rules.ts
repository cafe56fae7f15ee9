/**
 * The hardening rules every synthesized stack must meet, each named by the checkov rule it
 * enforces (or `PLATFORM-*` for this project's own). A rule returns its violations.
 */
import { isWildcardAction } from "../../src/constructs/policy-document.js";
import { behaviorsOf } from "./private-media.js";
import { PROTECTION_RULES } from "./protection-rules.js";
import { dataSourcesOf, first, ref, resourcesOf, resourcesReferencing, statementsOf, type Addressed, type Block, type TerraformJson } from "./terraform-json.js";

export interface PolicyRule {
  readonly id: string;
  readonly title: string;
  check(stack: TerraformJson): string[];
}


/** For each bucket, the one resource of `type` that configures it (by `bucket = ${bucket.id|bucket}`). */
function perBucket(stack: TerraformJson, type: string, verify: (config: Block) => string | undefined): string[] {
  return resourcesOf(stack, "aws_s3_bucket").flatMap((bucket) => {
    const configs = resourcesReferencing(stack, type, "bucket", bucket);
    if (configs.length !== 1) return [`${bucket.address}: expected one ${type}, found ${configs.length}`];
    const problem = verify((configs[0] as Addressed).config);
    return problem === undefined ? [] : [`${bucket.address}: ${problem}`];
  });
}

/** Every policy attribute of the stack's IAM-bearing resources, which must point at a policy document. */
const POLICY_ATTRIBUTES: readonly [string, string][] = [
  ["aws_iam_role", "assume_role_policy"],
  ["aws_iam_role_policy", "policy"],
  ["aws_s3_bucket_policy", "policy"],
  ["aws_sqs_queue_policy", "policy"],
];

/** Invoked by EventBridge (a rule targets it) or configured for asynchronous invocation. */
function isInvokedAsynchronously(stack: TerraformJson, fn: Addressed): boolean {
  const name = ref(fn, "function_name");
  return (
    resourcesOf(stack, "aws_lambda_function_event_invoke_config").some((config) => config.config.function_name === name) ||
    resourcesOf(stack, "aws_cloudwatch_event_target").some((target) => target.config.arn === ref(fn, "arn"))
  );
}

export const POLICY_RULES: readonly PolicyRule[] = [
  {
    id: "CKV2_AWS_6",
    title: "every S3 bucket has a public access block with all four settings on",
    check: (stack) =>
      perBucket(stack, "aws_s3_bucket_public_access_block", (config) =>
        ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].every((key) => config[key] === true)
          ? undefined
          : "public access not fully blocked",
      ),
  },
  {
    id: "CKV_AWS_19",
    title: "every S3 bucket is encrypted at rest by default",
    check: (stack) =>
      perBucket(stack, "aws_s3_bucket_server_side_encryption_configuration", (config) => {
        const algorithm = first(first(config.rule)?.apply_server_side_encryption_by_default)?.sse_algorithm;
        return algorithm === "AES256" || algorithm === "aws:kms" ? undefined : `default encryption is ${String(algorithm)}`;
      }),
  },
  {
    id: "CKV2_AWS_65",
    title: "every S3 bucket has ACLs disabled (BucketOwnerEnforced)",
    check: (stack) =>
      perBucket(stack, "aws_s3_bucket_ownership_controls", (config) =>
        first(config.rule)?.object_ownership === "BucketOwnerEnforced" ? undefined : "ACLs still enabled",
      ),
  },
  {
    id: "CKV_AWS_300",
    title: "every S3 bucket's lifecycle aborts incomplete multipart uploads, for all objects",
    check: (stack) =>
      perBucket(stack, "aws_s3_bucket_lifecycle_configuration", (config) => {
        const rules = (config.rule as Block[] | undefined) ?? [];
        const aborts = rules.some((rule) => {
          const days = first(rule.abort_incomplete_multipart_upload)?.days_after_initiation;
          const filter = first(rule.filter) ?? {};
          return rule.status === "Enabled" && typeof days === "number" && days >= 1 && Object.keys(filter).length === 0;
        });
        return aborts ? undefined : "no enabled rule aborting incomplete multipart uploads bucket-wide";
      }),
  },
  {
    id: "PLATFORM-S3-TLS",
    title: "every S3 bucket has exactly one policy, and it denies requests without TLS",
    check: (stack) =>
      perBucket(stack, "aws_s3_bucket_policy", (config) => {
        const denies = statementsOf(stack, config.policy).some(
          (statement) =>
            statement.effect === "Deny" &&
            (statement.condition as Block[] | undefined)?.some(
              (condition) => condition.variable === "aws:SecureTransport" && JSON.stringify(condition.values) === '["false"]',
            ) === true &&
            (statement.resources as string[]).length === 2,
        );
        return denies ? undefined : "policy does not deny insecure transport on the bucket and its objects";
      }),
  },
  {
    id: "CKV2_AWS_46",
    title: "every CloudFront origin on an S3 bucket reads through Origin Access Control",
    check: (stack) =>
      resourcesOf(stack, "aws_cloudfront_distribution").flatMap((distribution) =>
        ((distribution.config.origin as Block[]) ?? [])
          .filter((origin) => String(origin.domain_name).includes("aws_s3_bucket."))
          .filter((origin) => !String(origin.origin_access_control_id ?? "").startsWith("${aws_cloudfront_origin_access_control."))
          .map((origin) => `${distribution.address}: origin ${String(origin.origin_id)} has no origin access control`),
      ),
  },
  {
    id: "CKV_AWS_34",
    title: "every CloudFront behaviour serves viewers over HTTPS only",
    check: (stack) =>
      resourcesOf(stack, "aws_cloudfront_distribution").flatMap((distribution) =>
        behaviorsOf(distribution)
          .filter((behavior) => !["https-only", "redirect-to-https"].includes(String(behavior.viewer_protocol_policy)))
          .map((behavior) => `${distribution.address}: ${String(behavior.path_pattern ?? "default")} allows ${String(behavior.viewer_protocol_policy)}`),
      ),
  },
  {
    id: "CKV2_AWS_32",
    title: "every CloudFront behaviour has a response headers policy of this stack",
    check: (stack) =>
      resourcesOf(stack, "aws_cloudfront_distribution").flatMap((distribution) =>
        behaviorsOf(distribution)
          .filter((behavior) => !String(behavior.response_headers_policy_id ?? "").startsWith("${aws_cloudfront_response_headers_policy."))
          .map((behavior) => `${distribution.address}: ${String(behavior.path_pattern ?? "default")} has no response headers policy`),
      ),
  },
  {
    id: "CKV_AWS_28",
    title: "every DynamoDB table has point-in-time recovery",
    check: (stack) =>
      resourcesOf(stack, "aws_dynamodb_table")
        .filter((table) => first(table.config.point_in_time_recovery)?.enabled !== true)
        .map((table) => `${table.address}: point-in-time recovery off`),
  },
  {
    id: "CKV_AWS_66",
    title: "every log group has a retention period, and every function logs into one of them",
    check: (stack) => [
      ...resourcesOf(stack, "aws_cloudwatch_log_group")
        .filter((group) => !(typeof group.config.retention_in_days === "number" && group.config.retention_in_days > 0))
        .map((group) => `${group.address}: no retention`),
      ...resourcesOf(stack, "aws_lambda_function")
        .filter(
          (fn) =>
            !resourcesOf(stack, "aws_cloudwatch_log_group").some(
              (group) => group.config.name === `/aws/lambda/${String(fn.config.function_name)}`,
            ),
        )
        .map((fn) => `${fn.address}: Lambda would create its log group without retention`),
    ],
  },
  {
    id: "CKV_AWS_49",
    title: "no IAM policy allows a wildcard action ('*' or 'service:*'), and every policy is a checked policy document",
    check: (stack) => [
      ...dataSourcesOf(stack, "aws_iam_policy_document").flatMap((document) =>
        ((document.config.statement as Block[]) ?? [])
          .filter((statement) => (statement.effect ?? "Allow") === "Allow")
          .flatMap((statement) => ((statement.actions as string[] | undefined) ?? []).filter(isWildcardAction))
          .map((action) => `${document.address}: allows ${action}`),
      ),
      ...POLICY_ATTRIBUTES.flatMap(([type, attribute]) =>
        resourcesOf(stack, type)
          .filter((resource) => !/^\$\{data\.aws_iam_policy_document\.[^.]+\.json\}$/.test(String(resource.config[attribute])))
          .map((resource) => `${resource.address}.${attribute} is not a policy document`),
      ),
    ],
  },
  {
    id: "CKV_AWS_76",
    title: "every API Gateway stage writes access logs",
    check: (stack) =>
      resourcesOf(stack, "aws_apigatewayv2_stage")
        .filter((stage) => !String(first(stage.config.access_log_settings)?.destination_arn ?? "").startsWith("${aws_cloudwatch_log_group."))
        .map((stage) => `${stage.address}: no access logs`),
  },
  {
    id: "CKV_AWS_116",
    title: "every asynchronously invoked function has a dead-letter queue, and no other function has one (it could never receive)",
    check: (stack) =>
      resourcesOf(stack, "aws_lambda_function").flatMap((fn) => {
        const dlq = String(first(fn.config.dead_letter_config)?.target_arn ?? "").startsWith("${aws_sqs_queue.");
        const async = isInvokedAsynchronously(stack, fn);
        if (async && !dlq) return [`${fn.address}: invoked asynchronously, no dead-letter queue`];
        if (!async && dlq) return [`${fn.address}: invoked synchronously only, its dead-letter queue can never receive`];
        return [];
      }),
  },
  {
    id: "CKV_AWS_27",
    title: "every SQS queue is encrypted",
    check: (stack) =>
      resourcesOf(stack, "aws_sqs_queue")
        .filter((queue) => queue.config.sqs_managed_sse_enabled !== true && queue.config.kms_master_key_id === undefined)
        .map((queue) => `${queue.address}: not encrypted`),
  },
  {
    id: "PLATFORM-EVENTS-DLQ",
    title: "every EventBridge target has a dead-letter queue and a bounded retry policy",
    check: (stack) =>
      resourcesOf(stack, "aws_cloudwatch_event_target").flatMap((target) => {
        const problems: string[] = [];
        if (!String(first(target.config.dead_letter_config)?.arn ?? "").startsWith("${aws_sqs_queue.")) problems.push("no dead-letter queue");
        const retry = first(target.config.retry_policy);
        if (typeof retry?.maximum_retry_attempts !== "number" || typeof retry.maximum_event_age_in_seconds !== "number") {
          problems.push("no bounded retry policy");
        }
        return problems.map((problem) => `${target.address}: ${problem}`);
      }),
  },
  {
    id: "PLATFORM-LAMBDA-PERMISSION",
    title: "every Lambda permission is scoped to one caller by source_arn",
    check: (stack) =>
      resourcesOf(stack, "aws_lambda_permission")
        .filter((permission) => !String(permission.config.source_arn ?? "").startsWith("${aws_"))
        .map((permission) => `${permission.address}: no source_arn`),
  },
  {
    id: "PLATFORM-OFFLINE-PLAN",
    title: "only hashicorp/aws, and no data source that would call AWS at plan time",
    check: (stack) => [
      ...Object.keys(stack.provider ?? {})
        .filter((provider) => provider !== "aws")
        .map((provider) => `provider ${provider}`),
      ...Object.keys(stack.data ?? {})
        .filter((type) => type !== "aws_iam_policy_document")
        .map((type) => `data source ${type}`),
    ],
  },
  ...PROTECTION_RULES,
];
