/**
 * `summarize [options] PLAN.json|STACK=PLAN.json ...` prints (or writes) the pull-request comment
 * for the given plans, and with `--summary-json` the redacted machine-readable summary;
 * `summarize --environment NAME --failure TEXT` the comment that says no plan could be made.
 *
 * Exit codes: 0 written; 2 bad arguments or a file that is not a plan; 3 (`--gate` only) the
 * plans replace or destroy a stateful resource and the labels lack the allow label. The outputs
 * are written before exiting 3, so the comment can still be posted.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { PlanCommentError, renderPlanComment, renderPlanFailureComment, type PlanCommentOptions } from "./plan-comment.js";
import { planFileArgument, readStackPlan } from "./plan-file.js";
import { PlanJsonError } from "./plan-json.js";
import { planSummaryJson } from "./plan-summary-json.js";
import { LabelListError, parseLabelList, statefulChangeGate } from "./stateful-gate.js";

const USAGE = [
  "usage: summarize [--environment NAME] [--kind plan|drift] [--output FILE] [--summary-json FILE] [--footer TEXT]",
  "                 [--max-length N] [--state-bucket NAME] [--labels LIST] [--allow-label NAME] [--gate]",
  "                 PLAN.json|STACK=PLAN.json ...",
  "       summarize --environment NAME --failure TEXT [--kind plan|drift] [--output FILE] [--footer TEXT]",
].join("\n");

const GATE_BLOCKED_EXIT_CODE = 3;

const OPTIONS = {
  environment: { type: "string", short: "e" },
  kind: { type: "string" },
  output: { type: "string", short: "o" },
  "summary-json": { type: "string" },
  footer: { type: "string" },
  "max-length": { type: "string" },
  failure: { type: "string" },
  "state-bucket": { type: "string" },
  labels: { type: "string" },
  "allow-label": { type: "string" },
  gate: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function positiveInteger(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(Number.isInteger(value) && value > 0)) throw new PlanCommentError(`${name} must be a positive integer`);
  return value;
}

function planKind(text: string | undefined): "plan" | "drift" {
  if (text === undefined || text === "plan" || text === "drift") return text ?? "plan";
  throw new PlanCommentError(`--kind must be plan or drift, not ${JSON.stringify(text)}`);
}

/** Writes `text` to `path` (from where pnpm was called), or to stdout without a path. */
async function emit(text: string, path: string | undefined, baseDir: string): Promise<void> {
  if (path === undefined) process.stdout.write(text);
  else await writeFile(resolve(baseDir, path), text);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // pnpm runs package scripts in the package folder; paths are meant from where pnpm was called.
  const baseDir = process.env.INIT_CWD || process.cwd();
  const kind = planKind(values.kind);
  const common = { kind, ...(values.footer === undefined ? {} : { footer: values.footer }) };

  if (values.failure !== undefined) {
    if (positionals.length > 0) throw new PlanCommentError(`--failure takes no plan files\n${USAGE}`);
    if (values.environment === undefined) throw new PlanCommentError(`--failure needs --environment\n${USAGE}`);
    await emit(renderPlanFailureComment({ environment: values.environment, failure: values.failure, ...common }), values.output, baseDir);
    return 0;
  }

  if (positionals.length === 0) throw new PlanCommentError(`no plan files given\n${USAGE}`);
  const stateBucket = values["state-bucket"]?.trim() || undefined;
  const stacks = await Promise.all(positionals.map((argument) => readStackPlan(planFileArgument(argument, baseDir), { stateBucket })));
  const environment = values.environment ?? (stacks.length === 1 ? stacks[0]!.stack : "all");
  const gate = statefulChangeGate(stacks, {
    labels: parseLabelList(values.labels ?? ""),
    ...(values["allow-label"] === undefined ? {} : { allowLabel: values["allow-label"] }),
  });
  const maxLength = positiveInteger(values["max-length"], "--max-length");
  const options: PlanCommentOptions = { environment, ...common, gate, ...(maxLength === undefined ? {} : { maxLength }) };
  await emit(renderPlanComment(stacks, options), values.output, baseDir);
  if (values["summary-json"] !== undefined) await emit(planSummaryJson(stacks, { environment, kind, gate }), values["summary-json"], baseDir);
  if (values.gate && gate.status === "blocked") {
    console.error(`summarize: ${gate.statefulChanges} stateful resource(s) would be replaced or destroyed; the label ${gate.label} allows it`);
    return GATE_BLOCKED_EXIT_CODE;
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const known = error instanceof PlanJsonError || error instanceof PlanCommentError || error instanceof LabelListError;
  if (known || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`summarize: ${(error as Error).message}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
