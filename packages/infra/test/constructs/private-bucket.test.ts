import { describe, expect, it } from "vitest";
import { BucketPolicy } from "../../src/constructs/bucket-policy.js";
import { ABORT_INCOMPLETE_UPLOAD_DAYS, PrivateBucket } from "../../src/constructs/private-bucket.js";
import { synthConstruct } from "../support/synth-construct.js";
import { onlyResource, ref, resourcesOf, statementsOf } from "../support/terraform-json.js";

describe("PrivateBucket", () => {
  it("names the bucket by prefix, blocks public access, enforces the owner and encrypts", () => {
    const { stack } = synthConstruct((scope) => new PrivateBucket(scope, "media", { bucketPrefix: "vp-dev-raw-" }));
    const bucket = onlyResource(stack, "aws_s3_bucket");
    expect(bucket.config).toMatchObject({ bucket_prefix: "vp-dev-raw-" });
    expect(bucket.config.bucket).toBeUndefined();
    expect(onlyResource(stack, "aws_s3_bucket_public_access_block").config).toMatchObject({
      bucket: ref(bucket, "id"),
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(onlyResource(stack, "aws_s3_bucket_ownership_controls").config).toMatchObject({
      rule: { object_ownership: "BucketOwnerEnforced" },
    });
    expect(onlyResource(stack, "aws_s3_bucket_server_side_encryption_configuration").config).toMatchObject({
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
  });

  it("aborts incomplete multipart uploads after one day on every object", () => {
    const { stack } = synthConstruct((scope) => new PrivateBucket(scope, "media", { bucketPrefix: "p-" }));
    expect(ABORT_INCOMPLETE_UPLOAD_DAYS).toBe(1);
    expect(onlyResource(stack, "aws_s3_bucket_lifecycle_configuration").config.rule).toEqual([
      expect.objectContaining({
        status: "Enabled",
        filter: [{}],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
      }),
    ]);
  });

  it("publishes events to EventBridge only when asked", () => {
    const plain = synthConstruct((scope) => new PrivateBucket(scope, "b", { bucketPrefix: "p-" })).stack;
    expect(resourcesOf(plain, "aws_s3_bucket_notification")).toEqual([]);
    const raw = synthConstruct((scope) => new PrivateBucket(scope, "b", { bucketPrefix: "p-", eventBridge: true })).stack;
    expect(onlyResource(raw, "aws_s3_bucket_notification").config).toMatchObject({ eventbridge: true });
  });

  it("versions and protects a state bucket, expiring old versions", () => {
    const { stack } = synthConstruct(
      (scope) => new PrivateBucket(scope, "state", { bucketPrefix: "p-", bucketName: "my-state", versioned: true, preventDestroy: true }),
    );
    const bucket = onlyResource(stack, "aws_s3_bucket");
    expect(bucket.config).toMatchObject({ bucket: "my-state", lifecycle: { prevent_destroy: true } });
    expect(onlyResource(stack, "aws_s3_bucket_versioning").config).toMatchObject({ versioning_configuration: { status: "Enabled" } });
    expect(onlyResource(stack, "aws_s3_bucket_lifecycle_configuration").config.rule).toContainEqual(
      expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 90 }], expiration: [{ expired_object_delete_marker: true }] }),
    );
  });

  it("deletes objects after a number of days when asked (logs), and keeps them otherwise", () => {
    const logs = synthConstruct((scope) => new PrivateBucket(scope, "logs", { bucketPrefix: "p-", expireObjectsAfterDays: 30 })).stack;
    expect(onlyResource(logs, "aws_s3_bucket_lifecycle_configuration").config.rule).toContainEqual(
      expect.objectContaining({ id: "expire-objects", status: "Enabled", filter: [{}], expiration: [{ days: 30 }] }),
    );
    const kept = synthConstruct((scope) => new PrivateBucket(scope, "media", { bucketPrefix: "p-" })).stack;
    const rules = onlyResource(kept, "aws_s3_bucket_lifecycle_configuration").config.rule as Record<string, unknown>[];
    expect(rules.some((rule) => "expiration" in rule)).toBe(false);
    expect(onlyResource(kept, "aws_s3_bucket").config.lifecycle).toBeUndefined();
  });
});

describe("BucketPolicy", () => {
  it("denies every request without TLS on the bucket and its objects, then adds the grants", () => {
    const { stack } = synthConstruct((scope) => {
      const bucket = new PrivateBucket(scope, "b", { bucketPrefix: "p-" });
      new BucketPolicy(scope, "policy", {
        bucket,
        statements: [{ sid: "Grant", actions: ["s3:GetObject"], resources: [bucket.objectsArn("vod/")] }],
      });
    });
    const bucket = onlyResource(stack, "aws_s3_bucket");
    const policy = onlyResource(stack, "aws_s3_bucket_policy");
    expect(policy.config.depends_on).toContain(onlyResource(stack, "aws_s3_bucket_public_access_block").address);
    const statements = statementsOf(stack, policy.config.policy);
    expect(statements[0]).toMatchObject({
      effect: "Deny",
      actions: ["s3:*"],
      resources: [ref(bucket, "arn"), `${ref(bucket, "arn")}/*`],
      principals: [{ type: "*", identifiers: ["*"] }],
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
    expect(statements[1]).toMatchObject({ sid: "Grant", effect: "Allow", resources: [`${ref(bucket, "arn")}/vod/*`] });
  });
});
