import { readFile } from "node:fs/promises";
import { actionValidatorFindings } from "./action-validator.js";
import { pinningFindings } from "./action-pinning.js";
import { actionlintFindings } from "./actionlint.js";
import type { Finding } from "./finding.js";
import type { GithubFile } from "./github-files.js";
import { runSteps, type RunStep } from "./run-steps.js";
import { shellcheckFindings } from "./shellcheck.js";

export interface GithubCheckResult {
  readonly files: readonly GithubFile[];
  readonly runSteps: readonly RunStep[];
  readonly findings: readonly Finding[];
}

/**
 * Every check over the given workflow and action files: actionlint on workflows (syntax,
 * expressions, script injection), action-validator on composite actions (which actionlint does
 * not lint), shellcheck on every `run:` script (actionlint's WebAssembly build cannot start it),
 * and the pinning rule, which is this project's own.
 */
export async function checkGithubFiles(files: readonly GithubFile[]): Promise<GithubCheckResult> {
  const sources = await Promise.all(files.map((file) => readFile(file.path, "utf8")));
  const steps = files.flatMap((file, i) => runSteps(file, sources[i]!));
  const actions = files.filter((file) => file.kind === "action");
  const [lint, validator, shell] = await Promise.all([
    Promise.all(files.map((file, i) => actionlintFindings(file, sources[i]!))).then((all) => all.flat()),
    Promise.all(actions.map(actionValidatorFindings)).then((all) => all.flat()),
    shellcheckFindings(steps),
  ]);
  const pinning = files.flatMap((file, i) => pinningFindings(file, sources[i]!));
  return { files, runSteps: steps, findings: [...lint, ...validator, ...shell, ...pinning] };
}
