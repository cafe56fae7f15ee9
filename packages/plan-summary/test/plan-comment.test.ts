import { describe, expect, it } from "vitest";
import { commentMarker, PlanCommentError, renderPlanComment, renderPlanFailureComment, summarizeStackPlan, parsePlanJson } from "../src/index.js";
import { fixtureDocument, fixtureStack } from "./fixtures.js";

describe("renderPlanComment", () => {
  it("starts with a hidden marker that differs per environment", () => {
    const dev = renderPlanComment([fixtureStack("dev-create")], { environment: "dev" });
    const prod = renderPlanComment([fixtureStack("dev-create", "prod")], { environment: "prod" });
    expect(dev.split("\n")[0]).toBe(commentMarker("dev"));
    expect(prod.split("\n")[0]).toBe(commentMarker("prod"));
    expect(commentMarker("dev")).toMatch(/^<!--.*-->$/);
    expect(commentMarker("dev")).not.toBe(commentMarker("prod"));
    expect(prod).not.toContain(commentMarker("dev"));
  });

  it("refuses an environment name that could break out of the marker", () => {
    expect(() => commentMarker("dev -->")).toThrow(PlanCommentError);
  });

  it("says plainly that nothing changes", () => {
    const comment = renderPlanComment([fixtureStack("dev-no-changes")], { environment: "dev" });
    expect(comment).toContain("**No changes.**");
    expect(comment).not.toContain("[!CAUTION]");
    expect(comment).not.toContain("| create |");
  });

  it("puts the caution above the counts and lists every stateful loss in it", () => {
    const comment = renderPlanComment([fixtureStack("dev-replace-destroy")], { environment: "dev" });
    const caution = comment.indexOf("[!CAUTION]");
    expect(caution).toBeGreaterThan(0);
    expect(caution).toBeLessThan(comment.indexOf("| stack |"));
    const cautionBlock = comment.slice(caution, comment.indexOf("| stack |"));
    expect(cautionBlock).toContain("**destroy** `aws_s3_bucket.processed[0]`");
    expect(cautionBlock).toContain("**replace** `aws_s3_bucket.raw`");
    expect(cautionBlock).toContain("**replace** `aws_media_package_channel.live[0]`");
    expect(cautionBlock).not.toContain("aws_sqs_queue");
    expect(comment).toMatch(/\| `dev` \| 1 \| 2 \| 2 \| 1 \|/);
  });

  it("lists every change of a first deployment with no caution", () => {
    const stack = fixtureStack("dev-create");
    const comment = renderPlanComment([stack], { environment: "dev" });
    expect(comment).not.toContain("[!CAUTION]");
    for (const change of stack.changes) expect(comment).toContain(`| create | \`${change.address}\` |`);
  });

  it("summarises several stacks in one comment, each with its own section", () => {
    const bootstrap = fixtureStack("bootstrap-destroy", "bootstrap", { stateBucket: "vp-terraform-state" });
    const comment = renderPlanComment([fixtureStack("dev-no-changes"), bootstrap], { environment: "all" });
    expect(comment).toMatch(/\| `dev` \| 0 \| 0 \| 0 \| 0 \|/);
    expect(comment).toMatch(/\| `bootstrap` \| 0 \| 0 \| 0 \| 4 \|/);
    expect(comment).toContain("#### `dev`\n\nNo changes.");
    expect(comment).toContain("state bucket");
  });

  it("cuts long resource lists to fit the limit but keeps counts and cautions", () => {
    const document = fixtureDocument("dev-replace-destroy") as { resource_changes: Record<string, unknown>[] };
    const template = document.resource_changes.find((r) => r.address === "aws_cloudwatch_log_group.upload_api_access[0]")!;
    for (let i = 0; i < 400; i += 1) document.resource_changes.push({ ...template, address: `aws_cloudwatch_log_group.extra_${i}`, name: `extra_${i}` });
    const stack = summarizeStackPlan("dev", parsePlanJson(document, "many"));
    const comment = renderPlanComment([stack], { environment: "dev", maxLength: 8000 });
    expect(comment.length).toBeLessThanOrEqual(8000);
    expect(comment).toMatch(/\| `dev` \| 401 \| 2 \| 2 \| 1 \|/);
    expect(comment).toContain("**destroy** `aws_s3_bucket.processed[0]`");
    expect(comment).toMatch(/…and \d+ more changes/);
  });

  it("folds a long list of creates away without hiding other changes", () => {
    const document = fixtureDocument("dev-replace-destroy") as { resource_changes: Record<string, unknown>[] };
    const template = document.resource_changes.find((r) => r.address === "aws_cloudwatch_log_group.upload_api_access[0]")!;
    for (let i = 0; i < 30; i += 1) document.resource_changes.push({ ...template, address: `aws_cloudwatch_log_group.extra_${i}`, name: `extra_${i}` });
    const comment = renderPlanComment([summarizeStackPlan("dev", parsePlanJson(document, "many"))], { environment: "dev" });
    const fold = comment.indexOf("<details>");
    expect(fold).toBeGreaterThan(comment.indexOf("| update | `aws_sqs_queue.events_dlq`"));
    expect(comment.slice(fold)).toContain("31 resources to create");
  });

  it("escapes pipes in resource addresses so tables stay intact", () => {
    const document = fixtureDocument("dev-create") as { resource_changes: Record<string, unknown>[] };
    document.resource_changes[0]!.address = 'aws_s3_bucket.by_key["a|b"]';
    const comment = renderPlanComment([summarizeStackPlan("dev", parsePlanJson(document, "pipe"))], { environment: "dev" });
    expect(comment).toContain('`aws_s3_bucket.by_key["a\\|b"]`');
  });
});

describe("drift checks", () => {
  it("are headed as such and list what changed outside Terraform", () => {
    const comment = renderPlanComment([fixtureStack("dev-no-changes")], { environment: "prod", kind: "drift" });
    expect(comment.split("\n")[0]).toBe(commentMarker("prod"));
    expect(comment).toContain("### Drift check: prod");
    expect(comment).not.toContain("Terraform plan");
  });
});

describe("renderPlanFailureComment", () => {
  it("carries the same marker as the summary it replaces and says there is no plan", () => {
    const comment = renderPlanFailureComment({ environment: "prod", failure: "init failed", footer: "run 1" });
    expect(comment.split("\n")[0]).toBe(commentMarker("prod"));
    expect(comment).toContain("**No plan.** init failed");
    expect(comment).not.toContain("No changes");
  });
});
