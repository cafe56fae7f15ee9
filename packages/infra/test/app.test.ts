import { afterAll, describe, expect, it } from "vitest";
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

  it("creates the status table with the shared key schema, the list index, PITR and encryption", () => {
    expect(onlyResource(synthesized.stacks.prod!, "aws_dynamodb_table").config).toMatchObject({
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "FileName",
      attribute: [
        { name: "FileName", type: "S" },
        { name: "ListPartition", type: "S" },
        { name: "CreatedAt", type: "S" },
      ],
      global_secondary_index: [{ name: "ByCreatedAt", hash_key: "ListPartition", range_key: "CreatedAt", projection_type: "ALL" }],
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
