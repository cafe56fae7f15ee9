import { describe, expect, it } from "vitest";
import { actionValidatorFindings, checkGithubFiles, pinningFindings, runSteps, shellScriptOf } from "../src/index.js";
import { readFileSync } from "node:fs";
import { fixture } from "./fixtures.js";

describe("action-validator catches invalid files", () => {
  it("rejects a workflow job with a misspelt key", async () => {
    const findings = await actionValidatorFindings(fixture("invalid/misspelt-steps.yml"));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.message).join("\n")).toMatch(/stepz/);
  });

  it("rejects a composite action whose run step has no shell", async () => {
    const findings = await actionValidatorFindings(fixture("invalid/setup-without-shell/action.yml"));
    expect(findings.map((f) => f.message).join("\n")).toMatch(/shell/);
  });

  it("accepts valid samples", async () => {
    expect(await actionValidatorFindings(fixture("valid/expressions.yml"))).toEqual([]);
    expect(await actionValidatorFindings(fixture("shellcheck/unquoted.yml"))).toEqual([]);
  });
});

describe("shellcheck reads every run step", () => {
  it("reports an unquoted variable at its line in the workflow", async () => {
    const file = fixture("shellcheck/unquoted.yml");
    const { findings } = await checkGithubFiles([file]);
    const shell = findings.filter((f) => f.check === "shellcheck");
    expect(shell.map((f) => f.message).join("\n")).toMatch(/SC2086/);
    const line = readFileSync(file.path, "utf8").split("\n").indexOf("          cd $TARGET_DIR") + 1;
    expect(shell.every((f) => f.line === line)).toBe(true);
    expect(shell[0]?.message).toContain("jobs.build.steps[1] (Unquoted expansion)");
  });

  it("checks composite action steps, with expressions as unknown text", async () => {
    const { findings } = await checkGithubFiles([fixture("shellcheck/composite-finding/action.yml")]);
    expect(findings.filter((f) => f.check === "shellcheck").map((f) => f.message).join("\n")).toMatch(/SC2086/);
  });

  it("passes quoted expressions and skips steps that are not shell", async () => {
    const file = fixture("valid/expressions.yml");
    const steps = runSteps(file, readFileSync(file.path, "utf8"));
    expect(steps.map((s) => s.where)).toEqual(["jobs.build.steps[1] (Quoted expressions)"]);
    expect(shellScriptOf(steps[0]!)).not.toContain("${{");
    expect((await checkGithubFiles([file])).findings).toEqual([]);
  });
});

describe("action pinning", () => {
  it("flags an action pinned to a tag and accepts local actions", () => {
    const file = fixture("valid/unpinned.yml");
    const findings = pinningFindings(file, readFileSync(file.path, "utf8"));
    expect(findings.map((f) => f.message)).toEqual(["actions/checkout@v4 is not pinned to a full commit SHA"]);
    expect(findings[0]?.line).toBe(9);
  });
});
