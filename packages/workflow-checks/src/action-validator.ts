import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { Finding } from "./finding.js";
import type { GithubFile } from "./github-files.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** The `action-validator` command of the npm package `@action-validator/cli`. */
function actionValidatorBin(): string {
  const manifestPath = require.resolve("@action-validator/cli/package.json");
  const manifest = require(manifestPath) as { bin: Record<string, string> };
  const bin = manifest.bin["action-validator"];
  if (bin === undefined) throw new Error("@action-validator/cli has no action-validator command");
  return join(dirname(manifestPath), bin);
}

interface ValidationError {
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly path?: string;
  readonly location?: { readonly line?: number };
  readonly states?: readonly { readonly errors?: readonly ValidationError[] }[];
}

/**
 * The innermost errors. Where a value matched none of several shapes, follow the shape it came
 * closest to (fewest errors): that is the one the author meant.
 */
function leafErrors(errors: readonly ValidationError[]): ValidationError[] {
  return errors.flatMap((error) => {
    const branches = (error.states ?? []).map((state) => state.errors ?? []).filter((branch) => branch.length > 0);
    if (branches.length === 0) return [error];
    const closest = branches.reduce((best, branch) => (branch.length < best.length ? branch : best));
    return leafErrors(closest);
  });
}

function findingsFromOutput(file: GithubFile, output: string): Finding[] {
  let report: { errors?: ValidationError[] };
  try {
    report = JSON.parse(output.slice(output.indexOf("{"))) as { errors?: ValidationError[] };
  } catch {
    return [{ file: file.name, check: "action-validator", message: output.trim() || "rejected without a report" }];
  }
  const errors = leafErrors(report.errors ?? []);
  const messages = [...new Set(errors.map((e) => [e.path, e.title, e.detail].filter(Boolean).join(": ")))];
  if (messages.length === 0) return [{ file: file.name, check: "action-validator", message: "rejected without a report" }];
  // Keep the first line number seen (YAML parse errors carry one).
  const line = errors.find((e) => e.location?.line !== undefined)?.location?.line;
  return messages.map((message) => ({ file: file.name, ...(line === undefined ? {} : { line }), check: "action-validator", message }));
}

/** Runs `action-validator` on one file: the schema check GitHub applies, offline. */
export async function actionValidatorFindings(file: GithubFile): Promise<Finding[]> {
  try {
    await run(process.execPath, [actionValidatorBin(), file.path], { env: { ...process.env, FORCE_COLOR: "0" } });
    return [];
  } catch (error) {
    const failure = error as { code?: number | string; stderr?: string; stdout?: string };
    if (failure.code !== 1) throw error;
    return findingsFromOutput(file, `${failure.stderr ?? ""}${failure.stdout ?? ""}`);
  }
}
