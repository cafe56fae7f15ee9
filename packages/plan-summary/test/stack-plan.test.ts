import { describe, expect, it } from "vitest";
import { summarizeStackPlan, changesNeedingCare, parsePlanJson } from "../src/index.js";
import { fixtureDocument, fixtureStack } from "./fixtures.js";

describe("summarizeStackPlan on real plans", () => {
  it("counts a first deployment as creates only, with nothing needing care", () => {
    const stack = fixtureStack("dev-create");
    expect(stack.counts).toMatchObject({ create: 9, update: 0, replace: 0, destroy: 0 });
    expect(stack.changes.every((c) => c.kind === "create")).toBe(true);
    expect(changesNeedingCare([stack])).toEqual([]);
  });

  it("finds no change when the state matches the configuration", () => {
    const stack = fixtureStack("dev-no-changes");
    expect(stack.changes).toEqual([]);
    expect(Object.values(stack.counts).every((n) => n === 0)).toBe(true);
  });

  it("flags the replaced and destroyed buckets and the replaced live channel", () => {
    const stack = fixtureStack("dev-replace-destroy");
    expect(stack.counts).toMatchObject({ create: 1, update: 2, replace: 2, destroy: 1 });
    const care = changesNeedingCare([stack]).map(({ change }) => [change.kind, change.address]);
    expect(care).toEqual(
      expect.arrayContaining([
        ["replace", "aws_s3_bucket.raw"],
        ["destroy", "aws_s3_bucket.processed[0]"],
        ["replace", "aws_media_package_channel.live[0]"],
      ]),
    );
    expect(care).toHaveLength(3);
    const raw = stack.changes.find((c) => c.address === "aws_s3_bucket.raw");
    expect(raw?.forcedBy).toEqual(["bucket"]);
  });

  it("names the attributes an update changes, not their values", () => {
    const stack = fixtureStack("dev-replace-destroy");
    const queue = stack.changes.find((c) => c.address === "aws_sqs_queue.events_dlq");
    expect(queue?.kind).toBe("update");
    expect(queue?.care).toBeUndefined();
    expect(queue?.changedAttributes).toEqual(["message_retention_seconds"]);
  });

  it("lists replacements and destructions before updates and creates", () => {
    const kinds = fixtureStack("dev-replace-destroy").changes.map((c) => c.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => ["replace", "destroy", "update", "create"].indexOf(a) - ["replace", "destroy", "update", "create"].indexOf(b)));
  });

  it("recognises the Terraform state bucket by its configured name", () => {
    const [entry] = changesNeedingCare([fixtureStack("bootstrap-destroy", "bootstrap", { stateBucket: "vp-terraform-state" })]);
    expect(entry?.change.address).toBe("aws_s3_bucket.state");
    expect(entry?.change.care).toMatch(/state bucket/);
  });

  it("takes no bucket for the state bucket because of its address, yet still flags it as a bucket", () => {
    for (const stateBucket of [undefined, "another-state-bucket"]) {
      const [entry] = changesNeedingCare([fixtureStack("bootstrap-destroy", "bootstrap", { stateBucket })]);
      expect(entry?.change.address).toBe("aws_s3_bucket.state");
      expect(entry?.change.care).toMatch(/^S3 bucket/);
    }
  });

  it("flags a replaced secret and a destroyed table", () => {
    const secret = changesNeedingCare([fixtureStack("dev-replace-secret")]).map(({ change }) => [change.kind, change.address]);
    expect(secret).toEqual([["replace", "aws_secretsmanager_secret.cdn_identifier"]]);
    const table = changesNeedingCare([fixtureStack("dev-destroy-table")]).map(({ change }) => [change.kind, change.address]);
    expect(table).toEqual([["destroy", "aws_dynamodb_table.status"]]);
  });

  it("does not flag the replacement of a resource that holds no data", () => {
    const document = fixtureDocument("dev-create") as { resource_changes: { type: string; change: { actions: string[] } }[] };
    for (const change of document.resource_changes) change.change.actions = ["create", "delete"];
    const stack = summarizeStackPlan("dev", parsePlanJson(document, "mutated"));
    expect(stack.counts.replace).toBe(9);
    const flagged = changesNeedingCare([stack]).map(({ change }) => change.type);
    expect(flagged).not.toContain("aws_iam_role");
    expect(flagged).not.toContain("aws_s3_bucket_public_access_block");
    expect(flagged).toEqual(
      expect.arrayContaining(["aws_s3_bucket", "aws_dynamodb_table", "aws_media_package_channel", "aws_sqs_queue", "aws_secretsmanager_secret"]),
    );
  });

  it("flags the CloudFormation stacks that wrap the SRT input, the job template and the MediaPackage endpoints", () => {
    const stack = summarizeStackPlan(
      "dev",
      parsePlanJson(
        {
          format_version: "1.2",
          resource_changes: [
            {
              address: "aws_cloudformation_stack.srt_input",
              mode: "managed",
              type: "aws_cloudformation_stack",
              name: "srt_input",
              provider_name: "registry.terraform.io/hashicorp/aws",
              change: { actions: ["delete"], before: { template_body: JSON.stringify({ Resources: { Input: { Type: "AWS::MediaLive::Input" } } }) }, after: null },
            },
            {
              address: "aws_cloudformation_stack.movie_hls",
              mode: "managed",
              type: "aws_cloudformation_stack",
              name: "movie_hls",
              provider_name: "registry.terraform.io/hashicorp/aws",
              change: { actions: ["delete"], before: { template_body: JSON.stringify({ Resources: { T: { Type: "AWS::MediaConvert::JobTemplate" } } }) }, after: null },
            },
            {
              address: "aws_cloudformation_stack.endpoints",
              mode: "managed",
              type: "aws_cloudformation_stack",
              name: "endpoints",
              provider_name: "registry.terraform.io/hashicorp/aws",
              change: {
                actions: ["create", "delete"],
                before: { template_body: JSON.stringify({ Resources: { Hls: { Type: "AWS::MediaPackage::OriginEndpoint" } } }) },
                after: {},
              },
            },
            {
              address: "aws_cloudformation_stack.topic",
              mode: "managed",
              type: "aws_cloudformation_stack",
              name: "topic",
              provider_name: "registry.terraform.io/hashicorp/aws",
              change: { actions: ["delete"], before: { template_body: JSON.stringify({ Resources: { T: { Type: "AWS::SNS::Topic" } } }) }, after: null },
            },
          ],
        },
        "inline",
      ),
    );
    expect(changesNeedingCare([stack]).map(({ change }) => [change.address, change.care])).toEqual([
      ["aws_cloudformation_stack.endpoints", expect.stringMatching(/MediaPackage endpoints/)],
      ["aws_cloudformation_stack.movie_hls", expect.stringMatching(/job template/)],
      ["aws_cloudformation_stack.srt_input", expect.stringMatching(/SRT input/)],
    ]);
  });
});
