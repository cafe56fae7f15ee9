import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { apiPathPrefixesOf, PLATFORM_APIS } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { COMMON_RULE_SET, EdgeFirewall, EdgeFirewallConfigError } from "../../src/constructs/edge-firewall.js";
import { EDGE_LOG_SUFFIX_PATH, EdgeLogging } from "../../src/constructs/edge-logging.js";
import { synthConstruct } from "../support/synth-construct.js";
import { first, onlyResource, ref, statementsOf, type Block } from "../support/terraform-json.js";

const DISTRIBUTION_ARN = "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE";
const usEast1 = (scope: Parameters<Parameters<typeof synthConstruct>[0]>[0]) =>
  new AwsProvider(scope, "us-east-1", { alias: "us_east_1", region: "us-east-1" });

describe("EdgeLogging", () => {
  const { stack } = synthConstruct((scope) => {
    new AwsProvider(scope, "aws", { region: "eu-west-1" });
    return new EdgeLogging(scope, "EdgeLogging", {
      namePrefix: "vp",
      distributionArn: DISTRIBUTION_ARN,
      retentionDays: 90,
      usEast1: usEast1(scope),
      protect: false,
    });
  });
  const bucket = onlyResource(stack, "aws_s3_bucket");
  const source = onlyResource(stack, "aws_cloudwatch_log_delivery_source");
  const destination = onlyResource(stack, "aws_cloudwatch_log_delivery_destination");
  const delivery = onlyResource(stack, "aws_cloudwatch_log_delivery");

  it("delivers the distribution's access logs to a private bucket that deletes them after the retention", () => {
    expect(source.config).toMatchObject({ log_type: "ACCESS_LOGS", resource_arn: DISTRIBUTION_ARN });
    expect(first(destination.config.delivery_destination_configuration)).toEqual({ destination_resource_arn: ref(bucket, "arn") });
    expect(delivery.config).toMatchObject({
      delivery_source_name: ref(source, "name"),
      delivery_destination_arn: ref(destination, "arn"),
      s3_delivery_configuration: [{ suffix_path: EDGE_LOG_SUFFIX_PATH, enable_hive_compatible_path: false }],
    });
    expect(onlyResource(stack, "aws_s3_bucket_lifecycle_configuration").config.rule).toContainEqual(
      expect.objectContaining({ status: "Enabled", expiration: [{ days: 90 }] }),
    );
    expect(onlyResource(stack, "aws_s3_bucket_ownership_controls").config).toMatchObject({ rule: { object_ownership: "BucketOwnerEnforced" } });
  });

  it("configures the delivery in us-east-1, where CloudFront's log delivery lives", () => {
    for (const resource of [source, destination, delivery]) expect(resource.config.provider).toBe("aws.us_east_1");
    expect(bucket.config.provider).toBeUndefined();
  });

  it("lets only this account's delivery source write, and creates the delivery after that grant", () => {
    const policy = onlyResource(stack, "aws_s3_bucket_policy");
    const writes = statementsOf(stack, policy.config.policy).find((statement) => statement.sid === "LogDeliveryWrites")!;
    expect(writes).toMatchObject({ actions: ["s3:PutObject"], principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }] });
    expect(writes.condition).toEqual(
      expect.arrayContaining([
        { test: "StringEquals", variable: "aws:SourceAccount", values: [expect.stringContaining(DISTRIBUTION_ARN)] },
        { test: "ArnLike", variable: "aws:SourceArn", values: [ref(source, "arn")] },
      ]),
    );
    expect(delivery.config.depends_on).toContain(policy.address);
  });
});

describe("EdgeFirewall", () => {
  const build = (overrides: { rateLimitedPathPrefixes?: readonly string[]; requestsPerIpPer5Minutes?: number } = {}) =>
    synthConstruct((scope) => {
      new AwsProvider(scope, "aws", { region: "eu-west-1" });
      return new EdgeFirewall(scope, "EdgeFirewall", {
        namePrefix: "vp-prod",
        usEast1: usEast1(scope),
        rateLimitedPathPrefixes: apiPathPrefixesOf(PLATFORM_APIS.MovieUploadApi),
        requestsPerIpPer5Minutes: 500,
        ...overrides,
      });
    });

  it("is a CloudFront-scope web ACL in us-east-1 that allows by default", () => {
    const acl = onlyResource(build().stack, "aws_wafv2_web_acl").config;
    expect(acl).toMatchObject({ scope: "CLOUDFRONT", provider: "aws.us_east_1", default_action: { allow: {} } });
  });

  it("blocks one IP making more than the limit of requests under the upload prefix in 5 minutes, before anything else", () => {
    const rules = onlyResource(build().stack, "aws_wafv2_web_acl").config.rule as Block[];
    const rate = rules.find((rule) => rule.name === "upload-rate-per-ip")!;
    expect(rate).toMatchObject({ priority: 0, action: { block: {} } });
    expect(rate.statement).toEqual({
      rate_based_statement: {
        limit: 500,
        aggregate_key_type: "IP",
        scope_down_statement: {
          byte_match_statement: {
            search_string: "/api/uploads",
            positional_constraint: "STARTS_WITH",
            field_to_match: { uri_path: {} },
            text_transformation: [{ priority: 0, type: "NONE" }],
          },
        },
      },
    });
  });

  it("counts requests under any of several prefixes together", () => {
    const rules = onlyResource(build({ rateLimitedPathPrefixes: ["/api/uploads", "/api/imports"] }).stack, "aws_wafv2_web_acl").config.rule as Block[];
    const scope = (rules.find((rule) => rule.name === "upload-rate-per-ip")!.statement as Block).rate_based_statement as Block;
    const matched = ((scope.scope_down_statement as Block).or_statement as { statement: Block[] }).statement.map(
      (statement) => (statement.byte_match_statement as Block).search_string,
    );
    expect(matched).toEqual(["/api/uploads", "/api/imports"]);
  });

  it("applies AWS's managed common rule set, counting only its body-size rule", () => {
    const rules = onlyResource(build().stack, "aws_wafv2_web_acl").config.rule as Block[];
    const common = rules.find((rule) => rule.name === COMMON_RULE_SET)!;
    expect(common).toMatchObject({ priority: 1, override_action: { none: {} } });
    expect(common.statement).toMatchObject({
      managed_rule_group_statement: {
        vendor_name: "AWS",
        name: COMMON_RULE_SET,
        rule_action_override: [{ name: "SizeRestrictions_BODY", action_to_use: { count: {} } }],
      },
    });
    for (const rule of rules) expect(rule.visibility_config).toMatchObject({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true });
  });

  it("refuses a limit WAF would refuse and a prefix that is not a literal path", () => {
    expect(() => build({ requestsPerIpPer5Minutes: 5 })).toThrow(EdgeFirewallConfigError);
    expect(() => build({ requestsPerIpPer5Minutes: 10.5 })).toThrow(EdgeFirewallConfigError);
    expect(() => build({ rateLimitedPathPrefixes: ["uploads"] })).toThrow(/starting with "\/"/);
    expect(() => build({ rateLimitedPathPrefixes: ["/uploads/*"] })).toThrow(EdgeFirewallConfigError);
    expect(() => build({ rateLimitedPathPrefixes: [] })).toThrow(/at least one path prefix/);
  });
});
