import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Finding } from "./finding.js";
import type { RunStep } from "./run-steps.js";

const run = promisify(execFile);

/**
 * GitHub substitutes `${{ … }}` before the shell runs. Standing in a variable for it keeps
 * shellcheck honest about quoting (the value is unknown text) without inventing constants.
 */
export const EXPRESSION_PLACEHOLDER = "${GITHUB_EXPRESSION}";

export function shellScriptOf(step: RunStep): string {
  const shebang = step.shell === "bash" ? "#!/usr/bin/env bash" : "#!/bin/sh";
  return `${shebang}\n${step.script.replace(/\$\{\{[\s\S]*?\}\}/g, EXPRESSION_PLACEHOLDER)}\n`;
}

export class ShellcheckUnavailableError extends Error {
  override readonly name = "ShellcheckUnavailableError";
}

interface ShellcheckComment {
  readonly file: string;
  readonly line: number;
  readonly level: string;
  readonly code: number;
  readonly message: string;
}

/** Runs shellcheck once over every step's script and maps its findings back to the YAML lines. */
export async function shellcheckFindings(steps: readonly RunStep[]): Promise<Finding[]> {
  if (steps.length === 0) return [];
  const dir = await mkdtemp(join(tmpdir(), "workflow-shellcheck-"));
  try {
    const scripts = steps.map((_, i) => join(dir, `step-${i}.sh`));
    await Promise.all(steps.map((step, i) => writeFile(scripts[i]!, shellScriptOf(step))));
    let output: string;
    try {
      output = (await run("shellcheck", ["--format=json1", ...scripts], { maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (error) {
      const failure = error as { code?: number | string; stdout?: string; stderr?: string };
      if (failure.code === "ENOENT") throw new ShellcheckUnavailableError("shellcheck is not installed (apt-get install shellcheck)");
      // Exit 1 means findings; anything else means shellcheck itself failed.
      if (failure.code !== 1) throw new Error(`shellcheck failed: ${failure.stderr ?? String(error)}`);
      output = failure.stdout ?? "";
    }
    const { comments } = JSON.parse(output) as { comments: ShellcheckComment[] };
    return comments.map((comment) => {
      const step = steps[scripts.indexOf(comment.file)]!;
      return {
        file: step.file.name,
        // Script line 1 is the added shebang.
        line: step.firstLine + comment.line - 2,
        check: "shellcheck" as const,
        message: `${step.where}: SC${comment.code} (${comment.level}): ${comment.message}`,
      };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
