import { TerraformStack, Testing } from "cdktf";
import { afterAll, describe, expect, it } from "vitest";
import { MediaStorage } from "../src/constructs/media-storage.js";
import { PrivateBucket } from "../src/constructs/private-bucket.js";
import { POLICY_RULES } from "./support/policy-rules.js";
import { synthesizeApp } from "./support/synthesized-app.js";
import { parseStack, resourcesOf } from "./support/terraform-json.js";

const synthesized = synthesizeApp();
afterAll(() => synthesized.cleanup());
const stackNames = Object.keys(synthesized.stacks);

describe("policy rules over every synthesized stack", () => {
  it("covers every stack the app synthesizes (each environment, the state bootstrap and CI access)", () => {
    expect(stackNames.sort()).toEqual(["ci-access", "dev", "prod", "state-bootstrap"]);
  });

  it("names at least the checkov rules the issue requires", () => {
    const ids = POLICY_RULES.map((rule) => rule.id);
    for (const id of [
      "CKV2_AWS_6",
      "CKV_AWS_19",
      "CKV2_AWS_65",
      "CKV_AWS_300",
      "CKV2_AWS_46",
      "CKV_AWS_34",
      "CKV2_AWS_32",
      "CKV_AWS_28",
      "CKV_AWS_66",
      "CKV_AWS_49",
      "CKV_AWS_76",
      "CKV_AWS_116",
    ]) {
      expect(ids).toContain(id);
    }
  });

  describe.each(stackNames)("stack %s", (stackName) => {
    const stack = synthesized.stacks[stackName]!;
    it.each(POLICY_RULES.map((rule) => [rule.id, rule.title, rule] as const))("%s: %s", (_id, _title, rule) => {
      expect(rule.check(stack)).toEqual([]);
    });
  });

  it("the rules have something to check: every environment stack has buckets, functions, a distribution and stages", () => {
    for (const name of ["dev", "prod"]) {
      const stack = synthesized.stacks[name]!;
      expect(resourcesOf(stack, "aws_s3_bucket")).toHaveLength(3);
      expect(resourcesOf(stack, "aws_lambda_function")).toHaveLength(4);
      expect(resourcesOf(stack, "aws_cloudfront_distribution")).toHaveLength(1);
      expect(resourcesOf(stack, "aws_apigatewayv2_stage")).toHaveLength(2);
    }
  });
});

describe("the policy rules catch violations", () => {
  const ruleById = (id: string) => POLICY_RULES.find((rule) => rule.id === id)!;
  const stackWith = (build: (stack: TerraformStack) => void) => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "probe");
    build(stack);
    return parseStack(Testing.synth(stack));
  };

  it("CKV2_AWS_6, CKV_AWS_19, CKV2_AWS_65, CKV_AWS_300 and the TLS rule fail for a bare bucket", async () => {
    const { S3Bucket } = await import("@cdktf/provider-aws/lib/s3-bucket");
    const stack = stackWith((scope) => new S3Bucket(scope, "bare", { bucket: "bare" }));
    for (const id of ["CKV2_AWS_6", "CKV_AWS_19", "CKV2_AWS_65", "CKV_AWS_300", "PLATFORM-S3-TLS"]) {
      expect(ruleById(id).check(stack), id).toHaveLength(1);
    }
  });

  it("the TLS rule fails for a private bucket whose policy was never written", () => {
    const stack = stackWith((scope) => new PrivateBucket(scope, "unprotected", { bucketPrefix: "x-" }));
    expect(ruleById("PLATFORM-S3-TLS").check(stack)).toHaveLength(1);
    expect(ruleById("CKV2_AWS_6").check(stack)).toEqual([]);
  });

  it("the storage construct alone leaves the origin buckets to the distribution's policies", () => {
    const stack = stackWith((scope) => new MediaStorage(scope, "storage", { namePrefix: "probe" }));
    // Raw has its own policy; web and processed get theirs from DeliveryDistribution.
    expect(ruleById("PLATFORM-S3-TLS").check(stack)).toHaveLength(2);
  });

  it("CKV_AWS_49 fails for an Allow of a wildcard action in a policy document", async () => {
    const { DataAwsIamPolicyDocument } = await import("@cdktf/provider-aws/lib/data-aws-iam-policy-document");
    const stack = stackWith(
      (scope) => new DataAwsIamPolicyDocument(scope, "too-wide", { statement: [{ actions: ["s3:*"], resources: ["*"] }] }),
    );
    expect(ruleById("CKV_AWS_49").check(stack)).toEqual([expect.stringContaining("allows s3:*")]);
  });

  it("CKV_AWS_116 and CKV_AWS_66 fail for a function without dead-letter queue or log group", async () => {
    const { LambdaFunction } = await import("@cdktf/provider-aws/lib/lambda-function");
    const stack = stackWith((scope) => new LambdaFunction(scope, "bare", { functionName: "bare", role: "arn:aws:iam::123456789012:role/x" }));
    expect(ruleById("CKV_AWS_116").check(stack)).toHaveLength(1);
    expect(ruleById("CKV_AWS_66").check(stack)).toHaveLength(1);
  });
});
