import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type YAMLMap } from "yaml";
import type { GithubFile } from "./github-files.js";

/** One `run:` script of a workflow job or a composite action, and where it sits. */
export interface RunStep {
  readonly file: GithubFile;
  /** `jobs.test.steps[3]` or `runs.steps[0]`, with the step's name when it has one. */
  readonly where: string;
  /** Line of the file on which the script's first line stands. */
  readonly firstLine: number;
  /** `bash` or `sh`: the scripts shellcheck can read. */
  readonly shell: "bash" | "sh";
  readonly script: string;
}

export class WorkflowParseError extends Error {
  override readonly name = "WorkflowParseError";
}

/** GitHub's default on Linux runners when neither the step nor a `defaults` block says. */
const DEFAULT_SHELL = "bash";

function text(map: unknown, key: string): string | undefined {
  if (!isMap(map)) return undefined;
  const value = map.get(key);
  return typeof value === "string" ? value : undefined;
}

function defaultShell(owner: unknown): string | undefined {
  if (!isMap(owner)) return undefined;
  const defaults = owner.get("defaults");
  return isMap(defaults) ? text(defaults.get("run"), "shell") : undefined;
}

/** `bash`, `sh`, or a custom `bash -eu {0}`; anything else (pwsh, python, …) is not shell. */
function shellcheckDialect(shell: string): "bash" | "sh" | undefined {
  const program = shell.trim().split(/\s+/)[0] ?? "";
  if (program === "bash" || program.endsWith("/bash")) return "bash";
  if (program === "sh" || program.endsWith("/sh")) return "sh";
  return undefined;
}

function stepsOf(
  file: GithubFile,
  steps: unknown,
  prefix: string,
  inheritedShell: string | undefined,
  lines: LineCounter,
): RunStep[] {
  if (!isSeq(steps)) return [];
  return steps.items.flatMap((step, index) => {
    if (!isMap(step)) return [];
    const node = step.get("run", true);
    if (!isScalar(node) || typeof node.value !== "string") return [];
    const dialect = shellcheckDialect(text(step, "shell") ?? inheritedShell ?? DEFAULT_SHELL);
    if (dialect === undefined) return [];
    const name = text(step, "name");
    const start = node.range?.[0] ?? 0;
    const isBlock = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
    return [
      {
        file,
        where: `${prefix}[${index}]${name === undefined ? "" : ` (${name})`}`,
        firstLine: lines.linePos(start).line + (isBlock ? 1 : 0),
        shell: dialect,
        script: node.value,
      },
    ];
  });
}

/** Every shell `run:` script in a workflow's jobs or a composite action's steps. */
export function runSteps(file: GithubFile, source: string): RunStep[] {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines });
  if (document.errors.length > 0) {
    throw new WorkflowParseError(`${file.name}: ${document.errors.map((e) => e.message).join("; ")}`);
  }
  const root = document.contents;
  if (!isMap(root)) return [];
  if (file.kind === "action") {
    const runs = root.get("runs");
    return stepsOf(file, isMap(runs) ? runs.get("steps") : undefined, "runs.steps", undefined, lines);
  }
  const jobs = root.get("jobs");
  if (!isMap(jobs)) return [];
  const workflowShell = defaultShell(root);
  return (jobs as YAMLMap).items.flatMap((pair) => {
    const id = isScalar(pair.key) ? String(pair.key.value) : "?";
    const job = pair.value;
    if (!isMap(job)) return [];
    return stepsOf(file, job.get("steps"), `jobs.${id}.steps`, defaultShell(job) ?? workflowShell, lines);
  });
}
