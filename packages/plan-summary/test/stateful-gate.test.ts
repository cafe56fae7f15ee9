import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALLOW_STATEFUL_CHANGE_LABEL, LabelListError, parseLabelList, renderPlanComment, statefulChangeGate } from "../src/index.js";
import { fixturePath, fixtureStack, type FixtureName } from "./fixtures.js";
import { inTempDir, summarize } from "./run-summarize.js";

/** Runs the CLI as the plan workflow does: `--gate` with the pull request's labels. */
async function gate(fixture: FixtureName, labels: string[]): Promise<{ code: number; comment: string; stderr: string }> {
  return inTempDir(async (dir) => {
    const comment = join(dir, "comment.md");
    const { code, stderr } = await summarize(["--environment", "dev", "--gate", "--labels", JSON.stringify(labels), "-o", comment, `dev=${fixturePath(fixture)}`]);
    // A passing run must have written the comment; a failing one may not have got that far.
    const text = code === 0 ? await readFile(comment, "utf8") : await readFile(comment, "utf8").catch(() => "");
    return { code, comment: text, stderr };
  });
}

describe.each<[string, FixtureName]>([
  ["a destroy of the status table", "dev-destroy-table"],
  ["a replaced secret", "dev-replace-secret"],
])("the stateful-change gate, for %s", (_label, fixture) => {
  it("blocks without the label: the check fails, and the comment says why", async () => {
    const result = await gate(fixture, ["documentation"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`the label ${ALLOW_STATEFUL_CHANGE_LABEL} allows it`);
    expect(result.comment).toContain(`**This check fails until the pull request carries the label \`${ALLOW_STATEFUL_CHANGE_LABEL}\`.**`);
  });

  it("passes with the label, and still says the deployment waits for approval", async () => {
    const result = await gate(fixture, ["documentation", ALLOW_STATEFUL_CHANGE_LABEL]);
    expect(result.code).toBe(0);
    expect(result.comment).toContain(`Accepted with the label \`${ALLOW_STATEFUL_CHANGE_LABEL}\`.`);
    expect(result.comment).toContain("waits for a reviewer's approval");
  });

  it("reaches the same verdicts without the CLI", () => {
    const stacks = [fixtureStack(fixture)];
    expect(statefulChangeGate(stacks, { labels: [] })).toMatchObject({ status: "blocked", statefulChanges: 1 });
    expect(statefulChangeGate(stacks, { labels: [ALLOW_STATEFUL_CHANGE_LABEL] })).toMatchObject({ status: "allowed" });
    expect(statefulChangeGate(stacks, { labels: ["ship-it"], allowLabel: "ship-it" })).toMatchObject({ status: "allowed", label: "ship-it" });
  });
});

describe("plans without a stateful loss", () => {
  it("pass the gate without any label and say nothing about it", async () => {
    const result = await gate("dev-create", []);
    expect(result.code).toBe(0);
    expect(result.comment).not.toContain(ALLOW_STATEFUL_CHANGE_LABEL);
    expect(statefulChangeGate([fixtureStack("dev-no-changes")])).toEqual({ status: "clear" });
  });

  it("an update of the table is not a loss", () => {
    const stack = fixtureStack("dev-replace-destroy");
    expect(stack.changes.find((change) => change.address === "aws_dynamodb_table.status")).toMatchObject({ kind: "update" });
    expect(renderPlanComment([stack], { environment: "dev", gate: statefulChangeGate([stack]) })).not.toContain("aws_dynamodb_table.status`: DynamoDB");
  });
});

describe("parseLabelList", () => {
  it("reads a workflow's JSON array and a comma-separated list", () => {
    expect(parseLabelList('["a", "allow-stateful-change"]')).toEqual(["a", "allow-stateful-change"]);
    expect(parseLabelList(" a, b ,, ")).toEqual(["a", "b"]);
    expect(parseLabelList("")).toEqual([]);
  });

  it("refuses an array that is not of names", () => {
    expect(() => parseLabelList("[1, 2]")).toThrow(LabelListError);
    expect(() => parseLabelList("[oops")).toThrow(LabelListError);
  });
});
