import {
  ENV,
  MEDIACONVERT_JOB_STATE_CHANGE,
  PLATFORM_TOPOLOGY,
  S3_OBJECT_CREATED,
  TriggerMediaConvertEnv,
} from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { locateArtifacts } from "../../src/artifacts.js";
import { EVENT_DELIVERY_RETRY, EventRouting, MissingTargetFunctionError } from "../../src/constructs/event-routing.js";
import { PrivateBucket } from "../../src/constructs/private-bucket.js";
import { StatusTable } from "../../src/constructs/status-table.js";
import { TranscodingQueue } from "../../src/constructs/transcoding-queue.js";
import { VodPipeline } from "../../src/constructs/vod-pipeline.js";
import { synthConstruct } from "../support/synth-construct.js";
import { onlyResource, ref, resourcesOf, statementsOf, type Addressed, type TerraformJson } from "../support/terraform-json.js";
import { TEST_LIMITS, TEST_PLAYBACK_RESOURCES } from "../support/test-platform.js";

const artifacts = locateArtifacts();

/** The pipeline and the topology's rules routed to its functions. */
function synthPipeline(rules = PLATFORM_TOPOLOGY.eventRules) {
  return synthConstruct((scope) => {
    const table = new StatusTable(scope, "table", { namePrefix: "vp", deletionProtection: false, definition: PLATFORM_TOPOLOGY.statusTable });
    const rawBucket = new PrivateBucket(scope, "raw", { bucketPrefix: "vp-raw-", eventBridge: true });
    const processedBucket = new PrivateBucket(scope, "processed", { bucketPrefix: "vp-processed-" });
    const queue = new TranscodingQueue(scope, "queue", { namePrefix: "vp" });
    const vod = new VodPipeline(scope, "Vod", {
      namePrefix: "vp",
      region: "eu-west-1",
      topology: PLATFORM_TOPOLOGY,
      resources: {
        platformId: "vp-platform",
        rawBucket: rawBucket.name,
        processedBucket: processedBucket.name,
        statusTable: table.name,
        mediaConvertQueueArn: queue.arn,
        ...TEST_PLAYBACK_RESOURCES,
      },
      limits: TEST_LIMITS,
      rawBucket,
      processedBucket,
      table,
      artifactZips: artifacts.functionZips,
      logRetentionDays: 30,
    });
    return new EventRouting(scope, "Events", {
      namePrefix: "vp",
      rules,
      resources: vod.resources,
      functions: { UpdateUploadStatus: vod.updateUploadStatus, TriggerMediaConvert: vod.triggerMediaConvert },
    });
  });
}

const { stack } = synthPipeline();

const bucketNamed = (prefix: string) => resourcesOf(stack, "aws_s3_bucket").find((bucket) => bucket.config.bucket_prefix === prefix)!;
const functionNamed = (name: string) => resourcesOf(stack, "aws_lambda_function").find((fn) => fn.config.function_name === name)!;
const ruleNamed = (name: string) => resourcesOf(stack, "aws_cloudwatch_event_rule").find((rule) => rule.config.name === name)!;
const variablesOf = (fn: Addressed) => (fn.config.environment as { variables: Record<string, string> }).variables;
const policyOf = (stackJson: TerraformJson, roleFragment: string) =>
  statementsOf(stackJson, resourcesOf(stackJson, "aws_iam_role_policy").find((policy) => String(policy.config.role).includes(roleFragment))!.config.policy);

describe("VodPipeline and its EventRouting", () => {
  it("routes Object Created events under uploads/ of the raw bucket", () => {
    const rule = ruleNamed("vp-upload-created");
    expect(JSON.parse(String(rule.config.event_pattern))).toEqual({
      source: [S3_OBJECT_CREATED.source],
      "detail-type": [S3_OBJECT_CREATED.detailType],
      detail: { bucket: { name: [ref(bucketNamed("vp-raw-"), "bucket")] }, object: { key: [{ prefix: "uploads/" }] } },
    });
  });

  it("listens to this platform's MediaConvert jobs only", () => {
    expect(JSON.parse(String(ruleNamed("vp-mediaconvert-job-state").config.event_pattern))).toEqual({
      source: [MEDIACONVERT_JOB_STATE_CHANGE.source],
      "detail-type": [MEDIACONVERT_JOB_STATE_CHANGE.detailType],
      detail: { userMetadata: { platform: ["vp-platform"] } },
    });
  });

  it("fans uploads out to both functions and job states to UpdateUploadStatus, each with dead letters and retries", () => {
    const targets = resourcesOf(stack, "aws_cloudwatch_event_target").map((target) => [target.config.rule, target.config.arn]);
    const upload = ruleNamed("vp-upload-created");
    const jobs = ruleNamed("vp-mediaconvert-job-state");
    const status = functionNamed("vp-UpdateUploadStatus");
    const trigger = functionNamed("vp-TriggerMediaConvert");
    expect(targets).toEqual(
      expect.arrayContaining([
        [ref(upload, "name"), ref(status, "arn")],
        [ref(upload, "name"), ref(trigger, "arn")],
        [ref(jobs, "name"), ref(status, "arn")],
      ]),
    );
    expect(targets).toHaveLength(3);
    const queue = resourcesOf(stack, "aws_sqs_queue").find((candidate) => candidate.config.name === "vp-vod-events-dlq")!;
    for (const target of resourcesOf(stack, "aws_cloudwatch_event_target")) {
      expect(target.config.dead_letter_config).toEqual({ arn: ref(queue, "arn") });
      expect(target.config.retry_policy).toEqual({
        maximum_retry_attempts: EVENT_DELIVERY_RETRY.maximumRetryAttempts,
        maximum_event_age_in_seconds: EVENT_DELIVERY_RETRY.maximumEventAgeInSeconds,
      });
    }
    const queuePolicy = statementsOf(stack, onlyResource(stack, "aws_sqs_queue_policy").config.policy);
    expect(queuePolicy[0]).toMatchObject({
      principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
      condition: [{ test: "ArnEquals", variable: "aws:SourceArn", values: [ref(upload, "arn"), ref(jobs, "arn")] }],
    });
  });

  it("lets each rule invoke only the functions it targets", () => {
    const permissions = resourcesOf(stack, "aws_lambda_permission").map((permission) => [permission.config.function_name, permission.config.source_arn]);
    expect(permissions.sort()).toEqual(
      [
        [ref(functionNamed("vp-UpdateUploadStatus"), "function_name"), ref(ruleNamed("vp-upload-created"), "arn")],
        [ref(functionNamed("vp-TriggerMediaConvert"), "function_name"), ref(ruleNamed("vp-upload-created"), "arn")],
        [ref(functionNamed("vp-UpdateUploadStatus"), "function_name"), ref(ruleNamed("vp-mediaconvert-job-state"), "arn")],
      ].sort(),
    );
  });

  it("configures TriggerMediaConvert with the processed bucket's vod/ prefix, the platform id and the longest upload it takes", () => {
    const variables = variablesOf(functionNamed("vp-TriggerMediaConvert"));
    expect(variables).toMatchObject({
      [ENV.mediaConvertOutputPrefix]: `s3://${ref(bucketNamed("vp-processed-"), "bucket")}/vod/`,
      [ENV.maxSourceDurationSeconds]: "5400",
      [ENV.platformId]: "vp-platform",
      [ENV.mediaConvertRoleArn]: ref(resourcesOf(stack, "aws_iam_role").find((role) => role.config.name === "vp-MediaConvert")!, "arn"),
      [ENV.mediaConvertQueueArn]: ref(onlyResource(stack, "aws_media_convert_queue"), "arn"),
    });
    // Once Terraform fills in the references, the handler's own schema accepts the values.
    const resolved = Object.fromEntries(
      Object.entries(variables).map(([name, value]) => [
        name,
        value
          .replace(/\$\{aws_s3_bucket\.[^}]+\}/g, "vp-processed-20250101")
          .replace(/\$\{aws_iam_role\.[^}]+\}/g, "arn:aws:iam::123456789012:role/vp-MediaConvert")
          .replace(/\$\{aws_dynamodb_table\.[^}]+\}/g, "vp-MovieUploadStatus")
          .replace(/\$\{aws_media_convert_queue\.[^}]+\}/g, "arn:aws:mediaconvert:eu-west-1:123456789012:queues/vp-vod"),
      ]),
    );
    expect(TriggerMediaConvertEnv.safeParse(resolved).success).toBe(true);
  });

  it("submits jobs to the environment's own on-demand queue", () => {
    expect(onlyResource(stack, "aws_media_convert_queue").config).toMatchObject({ name: "vp-vod", pricing_plan: "ON_DEMAND", status: "ACTIVE" });
  });

  it("lets TriggerMediaConvert create jobs in its queue only, probe and remove uploads, and pass the MediaConvert role to MediaConvert only", () => {
    const statements = policyOf(stack, "TriggerMediaConvert");
    const create = statements.find((statement) => statement.sid === "CreateMovieJobs")!;
    expect(create.actions).toEqual(["mediaconvert:CreateJob"]);
    const queue = ref(onlyResource(stack, "aws_media_convert_queue"), "arn");
    expect(create.resources).toContain(queue);
    expect((create.resources as string[]).map((arn) => arn.replace(/\$\{[^}]+\}/g, "X"))).toEqual([
      "arn:X:mediaconvert:eu-west-1:X:jobs/*",
      "X",
    ]);
    // Probe takes no resource but "*"; what it may read is bounded by the function's S3 grant: uploads only.
    expect(statements.find((statement) => statement.sid === "ProbeUploads")).toMatchObject({ actions: ["mediaconvert:Probe"], resources: ["*"] });
    expect(statements.find((statement) => statement.sid === "ReadUploadsToProbe")).toMatchObject({
      actions: ["s3:GetObject"],
      resources: [`${ref(bucketNamed("vp-raw-"), "arn")}/uploads/*`],
    });
    // And it removes a file that landed after its upload was deleted, aborted or expired: uploads only.
    expect(statements.find((statement) => statement.sid === "RemoveOrphanedUploads")).toMatchObject({
      actions: ["s3:DeleteObject"],
      resources: [`${ref(bucketNamed("vp-raw-"), "arn")}/uploads/*`],
    });
    expect(statements.flatMap((statement) => statement.actions as string[]).filter((action) => action.startsWith("s3:"))).toEqual([
      "s3:GetObject",
      "s3:DeleteObject",
    ]);
    expect(JSON.stringify(create.resources)).not.toContain("queues/Default");
    expect(statements.find((statement) => statement.sid === "HandRoleToMediaConvert")).toMatchObject({
      actions: ["iam:PassRole"],
      condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["mediaconvert.amazonaws.com"] }],
    });
  });

  it("gives MediaConvert read on uploads and write on vod/ output, nothing more", () => {
    const statements = policyOf(stack, "TranscodingRole");
    expect(statements.map((statement) => [statement.actions, statement.resources])).toEqual([
      [["s3:GetObject"], [`${ref(bucketNamed("vp-raw-"), "arn")}/uploads/*`]],
      [["s3:PutObject"], [`${ref(bucketNamed("vp-processed-"), "arn")}/vod/*`]],
    ]);
    const role = resourcesOf(stack, "aws_iam_role").find((candidate) => candidate.config.name === "vp-MediaConvert")!;
    expect(statementsOf(stack, role.config.assume_role_policy)[0]).toMatchObject({
      principals: [{ type: "Service", identifiers: ["mediaconvert.amazonaws.com"] }],
      // Only jobs of this account: the table's ARN carries the account, read without calling AWS.
      condition: [
        { test: "StringEquals", variable: "aws:SourceAccount", values: [`\${element(split(":", ${ref(onlyResource(stack, "aws_dynamodb_table"), "arn").slice(2, -1)}), 4)}`] },
      ],
    });
  });

  it("lets UpdateUploadStatus only update status items, and TriggerMediaConvert also read them", () => {
    const table = ref(onlyResource(stack, "aws_dynamodb_table"), "arn");
    expect(policyOf(stack, "UpdateUploadStatus").slice(2)).toEqual([expect.objectContaining({ actions: ["dynamodb:UpdateItem"], resources: [table] })]);
    expect(policyOf(stack, "TriggerMediaConvert")[2]).toMatchObject({ actions: ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources: [table] });
  });

  it("bounds Lambda's own retries of the asynchronously invoked functions", () => {
    const configs = resourcesOf(stack, "aws_lambda_function_event_invoke_config").map((config) => config.config);
    expect(configs).toHaveLength(2);
    for (const config of configs) expect(config).toMatchObject({ maximum_retry_attempts: 2, maximum_event_age_in_seconds: 21_600 });
  });

  it("refuses a rule whose target function it was not given", () => {
    const [uploads] = PLATFORM_TOPOLOGY.eventRules;
    if (!uploads) throw new Error("the platform has rules");
    expect(() => synthPipeline([{ ...uploads, name: "to-the-api", targets: ["QueryUploadStatus"] }])).toThrow(MissingTargetFunctionError);
  });
});
