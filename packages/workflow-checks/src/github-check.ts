import { readFile } from "node:fs/promises";
import { actionValidatorFindings } from "./action-validator.js";
import { pinningFindings } from "./action-pinning.js";
import type { Finding } from "./finding.js";
import type { GithubFile } from "./github-files.js";
import { runSteps, type RunStep } from "./run-steps.js";
import { shellcheckFindings } from "./shellcheck.js";

export interface GithubCheckResult {
  readonly files: readonly GithubFile[];
  readonly runSteps: readonly RunStep[];
  readonly findings: readonly Finding[];
}

/** Every check over the given workflow and action files. */
export async function checkGithubFiles(files: readonly GithubFile[]): Promise<GithubCheckResult> {
  const sources = await Promise.all(files.map((file) => readFile(file.path, "utf8")));
  const steps = files.flatMap((file, i) => runSteps(file, sources[i]!));
  const [validator, shell] = await Promise.all([
    Promise.all(files.map(actionValidatorFindings)).then((all) => all.flat()),
    shellcheckFindings(steps),
  ]);
  const pinning = files.flatMap((file, i) => pinningFindings(file, sources[i]!));
  return { files, runSteps: steps, findings: [...validator, ...shell, ...pinning] };
}
