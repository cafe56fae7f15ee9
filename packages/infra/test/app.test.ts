import { afterAll, describe, expect, it } from "vitest";
import { REQUIRED_TERRAFORM_VERSION } from "../src/terraform-settings.js";
import { synthesizeApp } from "./support/synthesized-app.js";
import { onlyResource, ref, resourcesOf } from "./support/terraform-json.js";

const synthesized = synthesizeApp();
afterAll(() => synthesized.cleanup());

describe("the app", () => {
  it("pins hashicorp/aws 5.100.0 and nothing else in every stack", () => {
    for (const stack of Object.values(synthesized.stacks)) {
      expect(stack.terraform?.required_providers).toEqual({ aws: { source: "aws", version: "5.100.0" } });
    }
  });

  it("requires a Terraform CLI with the S3 backend's native lock file (1.10) in every stack", () => {
    for (const [name, stack] of Object.entries(synthesized.stacks)) {
      expect(stack.terraform?.required_version, name).toBe(REQUIRED_TERRAFORM_VERSION);
    }
    expect(REQUIRED_TERRAFORM_VERSION).toMatch(/^>= 1\.10\.0\b/);
  });

  it("configures CloudFront's web ACL and log delivery through a us-east-1 provider, everything else in the stack's region", () => {
    for (const name of ["dev", "prod"]) {
      const providers = (synthesized.stacks[name]!.provider?.aws ?? []) as { alias?: string; region?: string }[];
      expect(providers.map((provider) => [provider.alias, provider.region])).toEqual([
        [undefined, "eu-west-1"],
        ["us_east_1", "us-east-1"],
      ]);
    }
  });

  it("gives each environment its own MediaConvert queue and its alarm on that queue", () => {
    const queues = ["dev", "prod"].map((name) => {
      const stack = synthesized.stacks[name]!;
      const queue = onlyResource(stack, "aws_media_convert_queue");
      const alarm = resourcesOf(stack, "aws_cloudwatch_metric_alarm").find((candidate) => candidate.config.metric_name === "JobsErroredCount")!;
      expect(alarm.config.dimensions).toEqual({ Queue: ref(queue, "arn") });
      return queue.config.name;
    });
    expect(queues).toEqual(["video-platform-dev-vod", "video-platform-prod-vod"]);
  });

  it("puts prod's distribution behind its web ACL, rate-limiting the upload routes; dev has none", () => {
    const prod = synthesized.stacks.prod!;
    const acl = onlyResource(prod, "aws_wafv2_web_acl");
    expect(onlyResource(prod, "aws_cloudfront_distribution").config.web_acl_id).toBe(ref(acl, "arn"));
    expect(JSON.stringify(acl.config.rule)).toContain('"search_string":"/api/uploads"');
    const dev = synthesized.stacks.dev!;
    expect(resourcesOf(dev, "aws_wafv2_web_acl")).toEqual([]);
    expect(onlyResource(dev, "aws_cloudfront_distribution").config.web_acl_id).toBeUndefined();
  });

  it("warns on prod's plan while its alarm address is the reserved placeholder", () => {
    const checks = Object.keys((synthesized.stacks.prod as { check?: Record<string, unknown> }).check ?? {});
    expect(checks).toEqual(["video-platform-prod-alarm-email-0"]);
  });

  it("keeps stacks independent: no remote state lookups, no cross-stack outputs", () => {
    for (const stack of Object.values(synthesized.stacks)) {
      expect(Object.keys(stack.data ?? {})).not.toContain("terraform_remote_state");
      expect(Object.keys(stack.output ?? {}).some((name) => name.startsWith("cross-stack-output"))).toBe(false);
    }
  });

  it("outputs the API URLs, the CloudFront domain, the bucket and table names of each environment", () => {
    for (const name of ["dev", "prod"]) {
      const stack = synthesized.stacks[name]!;
      const apis = resourcesOf(stack, "aws_apigatewayv2_api");
      const uploadApi = apis.find((api) => String(api.config.name).endsWith("-MovieUploadApi"))!;
      const statusApi = apis.find((api) => String(api.config.name).endsWith("-MovieStatusApi"))!;
      const bucketRef = (kind: string) =>
        ref(resourcesOf(stack, "aws_s3_bucket").find((bucket) => String(bucket.config.bucket_prefix).endsWith(`-${kind}-`))!, "bucket");
      expect(stack.output).toMatchObject({
        upload_api_url: { value: ref(uploadApi, "api_endpoint") },
        status_api_url: { value: ref(statusApi, "api_endpoint") },
        cloudfront_domain_name: { value: ref(onlyResource(stack, "aws_cloudfront_distribution"), "domain_name") },
        raw_bucket_name: { value: bucketRef("raw") },
        processed_bucket_name: { value: bucketRef("processed") },
        web_bucket_name: { value: bucketRef("web") },
        status_table_name: { value: ref(onlyResource(stack, "aws_dynamodb_table"), "name") },
      });
    }
  });

  it("names every environment's resources apart, so two can share an account", () => {
    const tableNames = ["dev", "prod"].map((name) => onlyResource(synthesized.stacks[name]!, "aws_dynamodb_table").config.name);
    expect(tableNames).toEqual(["video-platform-dev-MovieUploadStatus", "video-platform-prod-MovieUploadStatus"]);
  });

  it("creates the status table with the shared key schema, the list and owner indexes, expiry, PITR and encryption", () => {
    expect(onlyResource(synthesized.stacks.prod!, "aws_dynamodb_table").config).toMatchObject({
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "FileName",
      attribute: [
        { name: "FileName", type: "S" },
        { name: "ListPartition", type: "S" },
        { name: "CreatedAt", type: "S" },
        { name: "OwnerId", type: "S" },
      ],
      global_secondary_index: [
        { name: "ByCreatedAt", hash_key: "ListPartition", range_key: "CreatedAt", projection_type: "ALL" },
        { name: "ByOwner", hash_key: "OwnerId", range_key: "CreatedAt", projection_type: "ALL" },
      ],
      ttl: { attribute_name: "ExpiresAt", enabled: true },
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
    });
  });

  it("lets browsers upload to the raw bucket from the site and the allowed origins, reading ETag back", () => {
    const stack = synthesized.stacks.dev!;
    const distribution = onlyResource(stack, "aws_cloudfront_distribution");
    const cors = resourcesOf(stack, "aws_s3_bucket_cors_configuration").map((config) => (config.config.cors_rule as Record<string, unknown>[])[0]);
    const uploads = cors.find((rule) => rule?.id === "browser-uploads")!;
    expect(uploads).toMatchObject({
      allowed_methods: ["PUT"],
      allowed_origins: [`https://${ref(distribution, "domain_name")}`, "http://localhost:5173"],
      expose_headers: ["ETag"],
    });
    expect(cors.find((rule) => rule?.id === "playback")).toMatchObject({ allowed_methods: ["GET", "HEAD"] });
  });
});
