import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkGithubFiles, formatFinding, repositoryGithubFiles, type GithubCheckResult } from "../src/index.js";

const repoRoot = join(import.meta.dirname, "..", "..", "..");
const files = repositoryGithubFiles(repoRoot);

describe("this repository's .github", () => {
  let result: GithubCheckResult;
  beforeAll(async () => {
    result = await checkGithubFiles(files);
  });

  it("holds the CI, plan and deploy workflows and the shared setup action", () => {
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        ".github/actions/setup/action.yml",
        ".github/workflows/ci.yml",
        ".github/workflows/plan.yml",
        ".github/workflows/deploy.yml",
      ]),
    );
  });

  it.each(files.map((f) => f.name))("%s passes action-validator", (name) => {
    expect(result.findings.filter((f) => f.file === name && f.check === "action-validator").map(formatFinding)).toEqual([]);
  });

  it("has shell steps in every workflow, all of them shellcheck-clean", () => {
    for (const file of files) expect(result.runSteps.some((step) => step.file.name === file.name), file.name).toBe(true);
    expect(result.findings.filter((f) => f.check === "shellcheck").map(formatFinding)).toEqual([]);
  });

  it("pins every third-party action to a commit", () => {
    expect(result.findings.filter((f) => f.check === "pinning").map(formatFinding)).toEqual([]);
  });
});
