/**
 * Private media, read off synthesized Terraform: which buckets hold the renditions, which
 * CloudFront behaviours reach them, and whether each one demands signed cookies.
 */
import { ENV } from "@video-platform/shared-types";
import { first, resourcesOf, type Addressed, type Block, type TerraformJson } from "./terraform-json.js";

/** The default behaviour and the ordered ones, in CloudFront's order of matching after the default. */
export function behaviorsOf(distribution: Addressed): Block[] {
  const ordered = (distribution.config.ordered_cache_behavior as Block[] | undefined) ?? [];
  return [first(distribution.config.default_cache_behavior) ?? {}, ...ordered];
}

/** The buckets the functions know as the processed bucket (`PROCESSED_BUCKET_NAME`): where every rendition is. */
export function processedBuckets(stack: TerraformJson): Addressed[] {
  const named = new Set(
    resourcesOf(stack, "aws_lambda_function").map(
      (fn) => ((first(fn.config.environment)?.variables as Record<string, string> | undefined) ?? {})[ENV.processedBucketName],
    ),
  );
  return resourcesOf(stack, "aws_s3_bucket").filter((bucket) => named.has(`\${${bucket.address}.bucket}`));
}

export interface ReachingBehavior {
  readonly distribution: string;
  readonly path: string;
  readonly behavior: Block;
}

/** Every behaviour (default included) whose origin is `bucket`, whatever the origin's path. */
export function behaviorsReaching(stack: TerraformJson, bucket: Addressed): ReachingBehavior[] {
  return resourcesOf(stack, "aws_cloudfront_distribution").flatMap((distribution) => {
    const origins = ((distribution.config.origin as Block[] | undefined) ?? []).filter((origin) =>
      String(origin.domain_name).startsWith(`\${${bucket.address}.`),
    );
    const ids = new Set(origins.map((origin) => origin.origin_id));
    return behaviorsOf(distribution)
      .filter((behavior) => ids.has(behavior.target_origin_id))
      .map((behavior) => ({ distribution: distribution.address, path: String(behavior.path_pattern ?? "default"), behavior }));
  });
}

export const trustedKeyGroupsOf = (behavior: Block): unknown[] => (behavior.trusted_key_groups as unknown[] | undefined) ?? [];

/** Behaviours that reach a processed bucket without trusting a key group: media anyone could fetch. */
export function unsignedMediaPaths(stack: TerraformJson): string[] {
  return processedBuckets(stack).flatMap((bucket) =>
    behaviorsReaching(stack, bucket)
      .filter(({ behavior }) => trustedKeyGroupsOf(behavior).length === 0)
      .map(({ distribution, path }) => `${distribution}: ${path} serves ${bucket.address} without signed cookies`),
  );
}
