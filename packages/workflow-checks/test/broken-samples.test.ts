import { describe, expect, it } from "vitest";
import { actionlintFindings, actionValidatorFindings, checkGithubFiles, pinningFindings, runSteps, shellScriptOf } from "../src/index.js";
import { readFileSync } from "node:fs";
import { fixture } from "./fixtures.js";

const source = (path: string) => readFileSync(fixture(path).path, "utf8");

describe("actionlint catches invalid and unsafe workflows", () => {
  it("rejects a workflow job with a misspelt key", async () => {
    const findings = await actionlintFindings(fixture("invalid/misspelt-steps.yml"), source("invalid/misspelt-steps.yml"));
    expect(findings.map((f) => f.message).join("\n")).toMatch(/unexpected key "stepz"/);
  });

  it("flags a pull request's title interpolated into a run script, at its line", async () => {
    const path = "repos/script-injection/.github/workflows/greet.yml";
    const findings = await actionlintFindings(fixture(path), source(path));
    expect(findings).toEqual([
      expect.objectContaining({
        check: "actionlint",
        line: source(path).split("\n").findIndex((line) => line.includes("run: echo")) + 1,
        message: expect.stringMatching(/"github\.event\.pull_request\.title" is potentially untrusted.*\[expression\]/),
      }),
    ]);
  });

  it("leaves composite actions to action-validator", async () => {
    expect(await actionlintFindings(fixture("invalid/setup-without-shell/action.yml"), source("invalid/setup-without-shell/action.yml"))).toEqual([]);
  });

  it("accepts valid samples", async () => {
    for (const path of ["valid/expressions.yml", "shellcheck/unquoted.yml"]) {
      expect(await actionlintFindings(fixture(path), source(path)), path).toEqual([]);
    }
  });
});

describe("action-validator checks composite actions", () => {
  it("rejects a composite action whose run step has no shell", async () => {
    const findings = await actionValidatorFindings(fixture("invalid/setup-without-shell/action.yml"));
    expect(findings.map((f) => f.message).join("\n")).toMatch(/shell/);
  });

  it("accepts a valid composite action", async () => {
    expect(await actionValidatorFindings(fixture("shellcheck/composite-finding/action.yml"))).toEqual([]);
  });
});

describe("shellcheck reads every run step", () => {
  it("reports an unquoted variable at its line in the workflow", async () => {
    const file = fixture("shellcheck/unquoted.yml");
    const { findings } = await checkGithubFiles([file]);
    const shell = findings.filter((f) => f.check === "shellcheck");
    expect(shell.map((f) => f.message).join("\n")).toMatch(/SC2086/);
    const line = source("shellcheck/unquoted.yml").split("\n").indexOf("          cd $TARGET_DIR") + 1;
    expect(shell.every((f) => f.line === line)).toBe(true);
    expect(shell[0]?.message).toContain("jobs.build.steps[1] (Unquoted expansion)");
  });

  it("checks composite action steps, with expressions as unknown text", async () => {
    const { findings } = await checkGithubFiles([fixture("shellcheck/composite-finding/action.yml")]);
    expect(findings.filter((f) => f.check === "shellcheck").map((f) => f.message).join("\n")).toMatch(/SC2086/);
  });

  it("passes quoted expressions and skips steps that are not shell", async () => {
    const file = fixture("valid/expressions.yml");
    const steps = runSteps(file, source("valid/expressions.yml"));
    expect(steps.map((s) => s.where)).toEqual(["jobs.build.steps[1] (Quoted expressions)"]);
    expect(shellScriptOf(steps[0]!)).not.toContain("${{");
    expect((await checkGithubFiles([file])).findings).toEqual([]);
  });
});

describe("action pinning", () => {
  it("flags an action pinned to a tag and accepts local actions", () => {
    const path = "repos/unpinned/.github/workflows/build.yml";
    const findings = pinningFindings(fixture(path), source(path));
    expect(findings.map((f) => f.message)).toEqual(["actions/checkout@v4 is not pinned to a full commit SHA"]);
    expect(findings[0]?.line).toBe(9);
  });

  it("asks for the release beside a commit SHA", () => {
    const sha = "11bd71901bbe5b1630ceea73d27597364c9af683";
    const workflow = (comment: string) => `jobs:\n  a:\n    steps:\n      - uses: actions/checkout@${sha}${comment}\n`;
    const check = (comment: string) => pinningFindings(fixture("inline.yml"), workflow(comment)).map((f) => f.message);
    expect(check(" # v4.2.2")).toEqual([]);
    expect(check(" # 4.2")).toEqual([]);
    expect(check("")).toEqual([`actions/checkout@${sha} has no version comment (such as "# v4.2.2")`]);
    expect(check(" # latest")).toHaveLength(1);
  });
});
