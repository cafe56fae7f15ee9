import { ENV, FUNCTION_NAMES, PLATFORM_BUCKETS, PLATFORM_TOPOLOGY } from "@video-platform/shared-types";
import type { Construct } from "constructs";
import { afterAll, describe, expect, it } from "vitest";
import { MediaStorage } from "../src/constructs/media-storage.js";
import { PrivateBucket } from "../src/constructs/private-bucket.js";
import { ENVIRONMENTS, parseEnvironments } from "../src/config.js";
import { PlatformFunction } from "../src/constructs/platform-function.js";
import { StatusTable } from "../src/constructs/status-table.js";
import { locateArtifacts } from "../src/artifacts.js";
import { POLICY_RULES } from "./support/policy-rules.js";
import { synthesizeApp } from "./support/synthesized-app.js";
import { synthConstruct } from "./support/synth-construct.js";
import { resourcesOf } from "./support/terraform-json.js";

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
      "CKV_AWS_86",
      "PLATFORM-IAM-TRUST",
      "PLATFORM-S3-VERSIONS",
      "PLATFORM-STATEFUL-PROTECTION",
      "PLATFORM-DLQ-ALARM",
      "PLATFORM-PRIVATE-MEDIA",
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

  it("protects prod's state and leaves dev's destroyable, as each environment's config says", () => {
    for (const environment of parseEnvironments(ENVIRONMENTS)) {
      const stack = synthesized.stacks[environment.name]!;
      const table = resourcesOf(stack, "aws_dynamodb_table")[0]!;
      // A protected table makes PLATFORM-STATEFUL-PROTECTION demand the rest of the protection.
      expect(table.config.deletion_protection_enabled, environment.name).toBe(environment.deletionProtection);
      const protectedResources = Object.values(stack.resource ?? {}).flatMap((resources) =>
        Object.values(resources).filter((resource) => (resource.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true),
      );
      if (environment.deletionProtection) expect(protectedResources.length, environment.name).toBeGreaterThanOrEqual(5);
      else expect(protectedResources, environment.name).toEqual([]);
    }
    expect(parseEnvironments(ENVIRONMENTS).find((environment) => environment.name === "prod")?.deletionProtection).toBe(true);
  });

  it("the rules have something to check: every environment stack has buckets, functions, a user pool, a distribution and stages", () => {
    for (const name of ["dev", "prod"]) {
      const stack = synthesized.stacks[name]!;
      // Raw, processed, web, and the CloudFront access logs.
      expect(resourcesOf(stack, "aws_s3_bucket")).toHaveLength(4);
      expect(resourcesOf(stack, "aws_lambda_function")).toHaveLength(FUNCTION_NAMES.length);
      expect(resourcesOf(stack, "aws_cognito_user_pool")).toHaveLength(1);
      expect(resourcesOf(stack, "aws_cloudfront_distribution")).toHaveLength(1);
      expect(resourcesOf(stack, "aws_apigatewayv2_stage")).toHaveLength(2);
    }
  });
});

describe("the policy rules catch violations", () => {
  const ruleById = (id: string) => POLICY_RULES.find((rule) => rule.id === id)!;
  const stackWith = (build: (scope: Construct) => void) => synthConstruct(build).stack;

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
    const stack = stackWith((scope) => new MediaStorage(scope, "storage", { namePrefix: "probe", buckets: PLATFORM_BUCKETS, protect: false }));
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

  it("CKV_AWS_66 fails for a function without its log group", async () => {
    const { LambdaFunction } = await import("@cdktf/provider-aws/lib/lambda-function");
    const stack = stackWith((scope) => new LambdaFunction(scope, "bare", { functionName: "bare", role: "arn:aws:iam::123456789012:role/x" }));
    expect(ruleById("CKV_AWS_66").check(stack)).toHaveLength(1);
  });

  it("CKV_AWS_116 fails for an asynchronously invoked function without dead-letter queue, and for an API function with one", async () => {
    const { LambdaFunction } = await import("@cdktf/provider-aws/lib/lambda-function");
    const { LambdaFunctionEventInvokeConfig } = await import("@cdktf/provider-aws/lib/lambda-function-event-invoke-config");
    const { SqsQueue } = await import("@cdktf/provider-aws/lib/sqs-queue");
    const asyncWithout = stackWith((scope) => {
      const fn = new LambdaFunction(scope, "fn", { functionName: "fn", role: "arn:aws:iam::123456789012:role/x" });
      new LambdaFunctionEventInvokeConfig(scope, "async", { functionName: fn.functionName, maximumRetryAttempts: 0 });
    });
    expect(ruleById("CKV_AWS_116").check(asyncWithout)).toEqual([expect.stringContaining("no dead-letter queue")]);
    const syncWith = stackWith((scope) => {
      const queue = new SqsQueue(scope, "dlq", { name: "dlq" });
      new LambdaFunction(scope, "fn", { functionName: "fn", role: "arn:aws:iam::123456789012:role/x", deadLetterConfig: { targetArn: queue.arn } });
    });
    expect(ruleById("CKV_AWS_116").check(syncWith)).toEqual([expect.stringContaining("can never receive")]);
  });

  it("PLATFORM-DLQ-ALARM fails for a dead-letter queue no alarm watches", () => {
    const stack = stackWith(
      (scope) =>
        new PlatformFunction(scope, "fn", {
          functionName: "UpdateUploadStatus",
          namePrefix: "probe",
          artifactZip: locateArtifacts().functionZips.UpdateUploadStatus,
          environment: { UPLOAD_TABLE_NAME: "t" },
          statements: [],
          logRetentionDays: 1,
          asyncInvocation: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 },
        }),
    );
    expect(ruleById("PLATFORM-DLQ-ALARM").check(stack)).toEqual([expect.stringContaining("dead letters nobody is told about")]);
  });

  it("PLATFORM-IAM-TRUST fails for a role any account's use of the service could assume", async () => {
    const { DataAwsIamPolicyDocument } = await import("@cdktf/provider-aws/lib/data-aws-iam-policy-document");
    const { IamRole } = await import("@cdktf/provider-aws/lib/iam-role");
    const stack = stackWith((scope) => {
      const trust = new DataAwsIamPolicyDocument(scope, "trust", {
        statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["mediaconvert.amazonaws.com"] }] }],
      });
      new IamRole(scope, "role", { assumeRolePolicy: trust.json });
    });
    expect(ruleById("PLATFORM-IAM-TRUST").check(stack)).toEqual([expect.stringContaining("for any account")]);
  });

  it("PLATFORM-S3-VERSIONS fails for a versioned bucket that keeps old versions forever", async () => {
    const { S3BucketVersioningA } = await import("@cdktf/provider-aws/lib/s3-bucket-versioning");
    const stack = stackWith((scope) => {
      const bucket = new PrivateBucket(scope, "b", { bucketPrefix: "x-" });
      new S3BucketVersioningA(scope, "versioning", { bucket: bucket.bucket.id, versioningConfiguration: { status: "Enabled" } });
    });
    expect(ruleById("PLATFORM-S3-VERSIONS").check(stack)).toHaveLength(1);
  });

  it("PLATFORM-STATEFUL-PROTECTION fails for a protected table beside unprotected buckets", () => {
    const stack = stackWith((scope) => {
      new StatusTable(scope, "table", { namePrefix: "probe", deletionProtection: true, definition: PLATFORM_TOPOLOGY.statusTable });
      new MediaStorage(scope, "storage", { namePrefix: "probe", buckets: PLATFORM_BUCKETS, protect: false });
    });
    const problems = ruleById("PLATFORM-STATEFUL-PROTECTION").check(stack);
    expect(problems.filter((problem) => problem.endsWith("no prevent_destroy"))).toHaveLength(3);
    expect(problems.filter((problem) => problem.endsWith("uploads not versioned"))).toHaveLength(1);
    const consistent = stackWith((scope) => {
      new StatusTable(scope, "table", { namePrefix: "probe", deletionProtection: true, definition: PLATFORM_TOPOLOGY.statusTable });
      new MediaStorage(scope, "storage", { namePrefix: "probe", buckets: PLATFORM_BUCKETS, protect: true });
    });
    expect(ruleById("PLATFORM-STATEFUL-PROTECTION").check(consistent)).toEqual([]);
  });

  it("PLATFORM-STATEFUL-PROTECTION fails for an unprotected user pool beside a protected table", async () => {
    const { CognitoUserPool } = await import("@cdktf/provider-aws/lib/cognito-user-pool");
    const stack = stackWith((scope) => {
      new StatusTable(scope, "table", { namePrefix: "probe", deletionProtection: true, definition: PLATFORM_TOPOLOGY.statusTable });
      new CognitoUserPool(scope, "pool", { name: "probe-users" });
    });
    expect(ruleById("PLATFORM-STATEFUL-PROTECTION").check(stack)).toEqual([expect.stringMatching(/aws_cognito_user_pool\.pool: no prevent_destroy/)]);
  });

  it("PLATFORM-PRIVATE-MEDIA fails for any behaviour, default or ordered, that serves the renditions' bucket without a key group", async () => {
    const { CloudfrontDistribution } = await import("@cdktf/provider-aws/lib/cloudfront-distribution");
    const { LambdaFunction } = await import("@cdktf/provider-aws/lib/lambda-function");
    const serving = (trustedKeyGroups?: string[], defaultOrigin = "site") =>
      stackWith((scope) => {
        const processed = new PrivateBucket(scope, "processed", { bucketPrefix: "x-" });
        new LambdaFunction(scope, "fn", {
          functionName: "fn",
          role: "arn:aws:iam::123456789012:role/x",
          environment: { variables: { [ENV.processedBucketName]: processed.name } },
        });
        const read = { viewerProtocolPolicy: "https-only", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] };
        new CloudfrontDistribution(scope, "cdn", {
          enabled: true,
          origin: [
            { originId: "site", domainName: "example.com" },
            { originId: "renditions", domainName: processed.regionalDomainName, originPath: "/vod" },
          ],
          defaultCacheBehavior: { targetOriginId: defaultOrigin, ...read },
          orderedCacheBehavior: [{ pathPattern: "/media/*", targetOriginId: "renditions", trustedKeyGroups, ...read }],
          restrictions: { geoRestriction: { restrictionType: "none" } },
          viewerCertificate: { cloudfrontDefaultCertificate: true },
        });
      });
    expect(ruleById("PLATFORM-PRIVATE-MEDIA").check(serving())).toEqual([expect.stringContaining("/media/* serves aws_s3_bucket.processed_")]);
    expect(ruleById("PLATFORM-PRIVATE-MEDIA").check(serving(["K2JCJMDEHXQW5F"]))).toEqual([]);
    // The default behaviour too: every behaviour is checked, whatever its path.
    expect(ruleById("PLATFORM-PRIVATE-MEDIA").check(serving(["K2JCJMDEHXQW5F"], "renditions"))).toEqual([expect.stringContaining(": default serves")]);
  });

  it("CKV_AWS_86 fails for a distribution whose access logs go nowhere", async () => {
    const { CloudfrontDistribution } = await import("@cdktf/provider-aws/lib/cloudfront-distribution");
    const stack = stackWith(
      (scope) =>
        new CloudfrontDistribution(scope, "cdn", {
          enabled: true,
          origin: [{ originId: "o", domainName: "example.com" }],
          defaultCacheBehavior: { targetOriginId: "o", viewerProtocolPolicy: "https-only", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] },
          restrictions: { geoRestriction: { restrictionType: "none" } },
          viewerCertificate: { cloudfrontDefaultCertificate: true },
        }),
    );
    expect(ruleById("CKV_AWS_86").check(stack)).toEqual([expect.stringContaining("no access log delivery")]);
  });
});
