import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { checkGithubFiles, formatFinding, repositoryGithubFiles, type GithubCheckResult } from "../src/index.js";

const packageDir = join(import.meta.dirname, "..");
const repoRoot = join(packageDir, "..", "..");
const files = repositoryGithubFiles(repoRoot);

/** `pnpm check [ROOT]`, as CI and a developer run it: its exit code and what it printed. */
async function check(root: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", join(packageDir, "src/cli.ts"), root], { cwd: packageDir });
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}

describe("this repository's .github", () => {
  let result: GithubCheckResult;
  beforeAll(async () => {
    result = await checkGithubFiles(files);
  });

  it("holds the CI, plan, deploy and drift workflows and the shared actions", () => {
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        ".github/actions/setup/action.yml",
        ".github/actions/synth/action.yml",
        ".github/actions/terraform/action.yml",
        ".github/actions/stack-terraform/action.yml",
        ".github/workflows/ci.yml",
        ".github/workflows/plan.yml",
        ".github/workflows/deploy.yml",
        ".github/workflows/drift.yml",
      ]),
    );
  });

  it.each(files.map((f) => f.name))("%s passes actionlint and action-validator", (name) => {
    const schema = result.findings.filter((f) => f.file === name && (f.check === "actionlint" || f.check === "action-validator"));
    expect(schema.map(formatFinding)).toEqual([]);
  });

  it("has shell steps in every workflow, all of them shellcheck-clean", () => {
    for (const file of files) expect(result.runSteps.some((step) => step.file.name === file.name), file.name).toBe(true);
    expect(result.findings.filter((f) => f.check === "shellcheck").map(formatFinding)).toEqual([]);
  });

  it("pins every third-party action to a commit, with its release in a comment", () => {
    expect(result.findings.filter((f) => f.check === "pinning").map(formatFinding)).toEqual([]);
  });
});

describe("the check command", () => {
  it("passes on this repository", async () => {
    const { code, output } = await check(repoRoot);
    expect(output).toMatch(/ 0 findings$/m);
    expect(code).toBe(0);
  });

  it("fails on a pull_request_target workflow that pastes the pull request's title into a script", async () => {
    const { code, output } = await check(join(packageDir, "test/fixtures/repos/script-injection"));
    expect(output).toMatch(/greet\.yml:\d+: \[actionlint\] "github\.event\.pull_request\.title" is potentially untrusted/);
    expect(code).toBe(1);
  });

  it("fails on a workflow whose action is pinned to a tag", async () => {
    const { code, output } = await check(join(packageDir, "test/fixtures/repos/unpinned"));
    expect(output).toContain("build.yml:9: [pinning] actions/checkout@v4 is not pinned to a full commit SHA");
    expect(code).toBe(1);
  });
});
