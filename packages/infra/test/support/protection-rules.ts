/**
 * The rules of issue-level hardening: who may assume roles, what a protected environment keeps,
 * that dead letters and access logs reach someone. Part of `POLICY_RULES`.
 */
import type { PolicyRule } from "./policy-rules.js";
import { unsignedMediaPaths } from "./private-media.js";
import { first, ref, resourcesOf, resourcesReferencing, statementsOf, type Addressed, type Block, type TerraformJson } from "./terraform-json.js";

/** What `terraform destroy` must not take from a protected environment. */
const STATEFUL_TYPES = ["aws_s3_bucket", "aws_dynamodb_table", "aws_cognito_user_pool"];

/** Buckets whose object-created events feed the pipeline: where uploads, the only originals, land. */
function uploadBuckets(stack: TerraformJson): Addressed[] {
  return resourcesOf(stack, "aws_s3_bucket").filter((bucket) =>
    resourcesReferencing(stack, "aws_s3_bucket_notification", "bucket", bucket).some((notification) => notification.config.eventbridge === true),
  );
}

function isVersioned(stack: TerraformJson, bucket: Addressed): boolean {
  return resourcesReferencing(stack, "aws_s3_bucket_versioning", "bucket", bucket).some(
    (versioning) => first(versioning.config.versioning_configuration)?.status === "Enabled",
  );
}

export const PROTECTION_RULES: readonly PolicyRule[] = [
  {
    id: "PLATFORM-DLQ-ALARM",
    title: "every dead-letter queue (of a function or an EventBridge target) has an alarm on visible messages",
    check: (stack) => {
      const targets = [
        ...resourcesOf(stack, "aws_lambda_function").map((fn) => first(fn.config.dead_letter_config)?.target_arn),
        ...resourcesOf(stack, "aws_cloudwatch_event_target").map((target) => first(target.config.dead_letter_config)?.arn),
      ];
      const alarmed = new Set(
        resourcesOf(stack, "aws_cloudwatch_metric_alarm")
          .filter((alarm) => alarm.config.metric_name === "ApproximateNumberOfMessagesVisible")
          .map((alarm) => String((alarm.config.dimensions as Block | undefined)?.QueueName)),
      );
      return resourcesOf(stack, "aws_sqs_queue")
        .filter((queue) => targets.includes(ref(queue, "arn")))
        .filter((queue) => !alarmed.has(ref(queue, "name")) && !alarmed.has(String(queue.config.name)))
        .map((queue) => `${queue.address}: dead letters nobody is told about`);
    },
  },
  {
    id: "PLATFORM-IAM-TRUST",
    title: "every role a service assumes names the account it acts for (aws:SourceAccount): no confused deputy",
    check: (stack) =>
      resourcesOf(stack, "aws_iam_role").flatMap((role) =>
        statementsOf(stack, role.config.assume_role_policy)
          .filter((statement) => ((statement.principals as Block[] | undefined) ?? []).some((principal) => principal.type === "Service"))
          .filter(
            (statement) =>
              !((statement.condition as Block[] | undefined) ?? []).some(
                (condition) =>
                  condition.test === "StringEquals" &&
                  condition.variable === "aws:SourceAccount" &&
                  (condition.values as unknown[]).length > 0 &&
                  (condition.values as unknown[]).every((value) => String(value).length > 0),
              ),
          )
          .map(() => `${role.address}: a service may assume it for any account`),
      ),
  },
  {
    id: "PLATFORM-S3-VERSIONS",
    title: "every versioned bucket expires noncurrent versions and expired delete markers",
    check: (stack) =>
      resourcesOf(stack, "aws_s3_bucket_versioning")
        .filter((versioning) => first(versioning.config.versioning_configuration)?.status === "Enabled")
        .flatMap((versioning) => {
          const bucket = String(versioning.config.bucket);
          const lifecycle = resourcesOf(stack, "aws_s3_bucket_lifecycle_configuration").find((candidate) => candidate.config.bucket === bucket);
          const rules = (lifecycle?.config.rule as Block[] | undefined) ?? [];
          const expires = rules.some(
            (rule) =>
              rule.status === "Enabled" &&
              typeof first(rule.noncurrent_version_expiration)?.noncurrent_days === "number" &&
              first(rule.expiration)?.expired_object_delete_marker === true,
          );
          return expires ? [] : [`${versioning.address}: old versions of ${bucket} are kept forever`];
        }),
  },
  {
    id: "PLATFORM-STATEFUL-PROTECTION",
    title: "a stack protects all its state or none: with any deletion-protected table, every table, bucket and user pool has prevent_destroy, every table deletion protection, and the upload bucket versions",
    check: (stack) => {
      const tables = resourcesOf(stack, "aws_dynamodb_table");
      if (!tables.some((table) => table.config.deletion_protection_enabled === true)) return [];
      const preventsDestroy = (resource: Addressed) => (resource.config.lifecycle as Block | undefined)?.prevent_destroy === true;
      return [
        ...STATEFUL_TYPES.flatMap((type) => resourcesOf(stack, type))
          .filter((resource) => !preventsDestroy(resource))
          .map((resource) => `${resource.address}: no prevent_destroy`),
        ...tables.filter((table) => table.config.deletion_protection_enabled !== true).map((table) => `${table.address}: no deletion protection`),
        ...uploadBuckets(stack)
          .filter((bucket) => !isVersioned(stack, bucket))
          .map((bucket) => `${bucket.address}: uploads not versioned`),
      ];
    },
  },
  {
    id: "PLATFORM-PRIVATE-MEDIA",
    title: "no CloudFront behaviour serves the processed bucket (where the functions write renditions) without trusted key groups",
    check: unsignedMediaPaths,
  },
  {
    id: "CKV_AWS_86",
    title: "every CloudFront distribution delivers its access logs to an S3 bucket that expires them",
    check: (stack) =>
      resourcesOf(stack, "aws_cloudfront_distribution").flatMap((distribution) => {
        const source = resourcesOf(stack, "aws_cloudwatch_log_delivery_source").find(
          (candidate) => candidate.config.resource_arn === ref(distribution, "arn") && candidate.config.log_type === "ACCESS_LOGS",
        );
        if (!source) return [`${distribution.address}: no access log delivery`];
        const delivery = resourcesOf(stack, "aws_cloudwatch_log_delivery").find((candidate) => candidate.config.delivery_source_name === ref(source, "name"));
        const destination = resourcesOf(stack, "aws_cloudwatch_log_delivery_destination").find(
          (candidate) => delivery?.config.delivery_destination_arn === ref(candidate, "arn"),
        );
        const bucketArn = first(destination?.config.delivery_destination_configuration)?.destination_resource_arn;
        const bucket = resourcesOf(stack, "aws_s3_bucket").find((candidate) => bucketArn === ref(candidate, "arn"));
        if (!bucket) return [`${distribution.address}: access logs delivered to no bucket of this stack`];
        const lifecycle = resourcesReferencing(stack, "aws_s3_bucket_lifecycle_configuration", "bucket", bucket)[0];
        const expires = ((lifecycle?.config.rule as Block[] | undefined) ?? []).some(
          (rule) => rule.status === "Enabled" && typeof first(rule.expiration)?.days === "number",
        );
        return expires ? [] : [`${bucket.address}: access logs kept forever`];
      }),
  },
];
