import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ENV, FUNCTION_ENV, LAMBDA_HANDLER_ENTRY } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { locateArtifacts } from "../../src/artifacts.js";
import { PlatformFunction } from "../../src/constructs/platform-function.js";
import { synthConstruct } from "../support/synth-construct.js";
import { onlyResource, ref, resourcesOf, statementsOf } from "../support/terraform-json.js";
import { TEST_PLAYBACK_RESOURCES } from "../support/test-platform.js";

const zip = locateArtifacts().functionZips.QueryUploadStatus;

function queryFunction(asyncInvocation?: { maximumRetryAttempts: 0 | 1 | 2; maximumEventAgeSeconds: number }) {
  return synthConstruct(
    (scope) =>
      new PlatformFunction(scope, "QueryUploadStatus", {
        functionName: "QueryUploadStatus",
        namePrefix: "vp-test",
        artifactZip: zip,
        environment: {
          [ENV.uploadTableName]: "vp-test-MovieUploadStatus",
          [ENV.siteUrl]: TEST_PLAYBACK_RESOURCES.siteUrl,
          [ENV.playbackSigningSecret]: TEST_PLAYBACK_RESOURCES.playbackSigningSecret,
          [ENV.playbackPublicKeyIds]: TEST_PLAYBACK_RESOURCES.playbackPublicKeyIds,
          [ENV.privateLivePathPrefix]: TEST_PLAYBACK_RESOURCES.privateLivePathPrefix,
        },
        statements: [{ sid: "Read", actions: ["dynamodb:GetItem"], resources: ["arn:aws:dynamodb:eu-west-1:123456789012:table/t"] }],
        logRetentionDays: 14,
        asyncInvocation,
      }),
  );
}

describe("PlatformFunction", () => {
  it("runs the bundle on Node.js 22, arm64, with the shared handler entry and the code's hash", () => {
    const { stack } = queryFunction();
    const fn = onlyResource(stack, "aws_lambda_function");
    expect(fn.config).toMatchObject({
      function_name: "vp-test-QueryUploadStatus",
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: LAMBDA_HANDLER_ENTRY,
      source_code_hash: createHash("sha256").update(readFileSync(zip)).digest("base64"),
    });
    expect(String(fn.config.filename)).toMatch(/^assets\/.+\/query-upload-status\.zip$/);
  });

  it("sets exactly the variables the function's shared schema reads, plus the logger's", () => {
    const { stack } = queryFunction();
    const variables = (onlyResource(stack, "aws_lambda_function").config.environment as { variables: Record<string, string> }).variables;
    expect(Object.keys(variables).sort()).toEqual([...Object.keys(FUNCTION_ENV.QueryUploadStatus.shape), ENV.serviceName, ENV.logLevel].sort());
    expect(variables).toMatchObject({ [ENV.uploadTableName]: "vp-test-MovieUploadStatus", [ENV.serviceName]: "QueryUploadStatus" });
  });

  it("logs to its own group with retention, created before the function", () => {
    const { stack } = queryFunction();
    const group = onlyResource(stack, "aws_cloudwatch_log_group");
    expect(group.config).toMatchObject({ name: "/aws/lambda/vp-test-QueryUploadStatus", retention_in_days: 14 });
    expect(onlyResource(stack, "aws_lambda_function").config.depends_on).toContain(group.address);
  });

  it("runs as a role granting only its logs and the passed statements, assumable by Lambda for this account only", () => {
    const { stack } = queryFunction();
    const statements = statementsOf(stack, onlyResource(stack, "aws_iam_role_policy").config.policy);
    expect(statements.map((statement) => statement.actions)).toEqual([["logs:CreateLogStream", "logs:PutLogEvents"], ["dynamodb:GetItem"]]);
    expect(statements[0]?.resources).toEqual([`${ref(onlyResource(stack, "aws_cloudwatch_log_group"), "arn")}:*`]);
    const trust = statementsOf(stack, onlyResource(stack, "aws_iam_role").config.assume_role_policy);
    expect(trust).toEqual([
      expect.objectContaining({
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }],
        condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [expect.stringContaining(ref(onlyResource(stack, "aws_cloudwatch_log_group"), "arn").slice(2, -1))] }],
      }),
    ]);
  });

  it("has no dead-letter queue when invoked synchronously: Lambda would never send it anything", () => {
    const { stack } = queryFunction();
    expect(resourcesOf(stack, "aws_sqs_queue")).toEqual([]);
    expect(onlyResource(stack, "aws_lambda_function").config.dead_letter_config).toBeUndefined();
  });

  it("has its own encrypted dead-letter queue, and may write to it, when invoked asynchronously", () => {
    const { stack } = queryFunction({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600 });
    const queue = onlyResource(stack, "aws_sqs_queue");
    expect(queue.config).toMatchObject({ name: "vp-test-QueryUploadStatus-dlq", sqs_managed_sse_enabled: true, message_retention_seconds: 1_209_600 });
    expect(onlyResource(stack, "aws_lambda_function").config.dead_letter_config).toEqual({ target_arn: ref(queue, "arn") });
    const statements = statementsOf(stack, onlyResource(stack, "aws_iam_role_policy").config.policy);
    expect(statements.find((statement) => statement.sid === "DeadLetters")).toMatchObject({ actions: ["sqs:SendMessage"], resources: [ref(queue, "arn")] });
  });

  it("bounds retries and event age only for asynchronously invoked functions", () => {
    expect(resourcesOf(queryFunction().stack, "aws_lambda_function_event_invoke_config")).toEqual([]);
    const { stack } = queryFunction({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600 });
    expect(onlyResource(stack, "aws_lambda_function_event_invoke_config").config).toMatchObject({
      maximum_retry_attempts: 2,
      maximum_event_age_in_seconds: 3600,
    });
  });
});
