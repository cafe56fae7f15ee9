/**
 * `summarize [--environment NAME] [--output FILE] [--footer TEXT] PLAN.json|STACK=PLAN.json ...`
 * prints (or writes) the pull-request comment for the given plans;
 * `summarize --environment NAME --failure TEXT` the comment that says no plan could be made.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { PlanCommentError, renderPlanComment, renderPlanFailureComment } from "./plan-comment.js";
import { planFileArgument, readStackPlan } from "./plan-file.js";
import { PlanJsonError } from "./plan-json.js";

const USAGE = [
  "usage: summarize [--environment NAME] [--output FILE] [--footer TEXT] [--max-length N] PLAN.json|STACK=PLAN.json ...",
  "       summarize --environment NAME --failure TEXT [--output FILE] [--footer TEXT]",
].join("\n");

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      environment: { type: "string", short: "e" },
      output: { type: "string", short: "o" },
      footer: { type: "string" },
      "max-length": { type: "string" },
      failure: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // pnpm runs package scripts in the package folder; paths are meant from where pnpm was called.
  const baseDir = process.env.INIT_CWD || process.cwd();
  const footer = values.footer === undefined ? {} : { footer: values.footer };
  let comment: string;
  if (values.failure !== undefined) {
    if (positionals.length > 0) throw new PlanCommentError(`--failure takes no plan files\n${USAGE}`);
    if (values.environment === undefined) throw new PlanCommentError(`--failure needs --environment\n${USAGE}`);
    comment = renderPlanFailureComment({ environment: values.environment, failure: values.failure, ...footer });
  } else {
    if (positionals.length === 0) throw new PlanCommentError(`no plan files given\n${USAGE}`);
    const stacks = await Promise.all(positionals.map((argument) => readStackPlan(planFileArgument(argument, baseDir))));
    const environment = values.environment ?? (stacks.length === 1 ? stacks[0]!.stack : "all");
    const maxLength = values["max-length"] === undefined ? undefined : Number(values["max-length"]);
    if (maxLength !== undefined && !(Number.isInteger(maxLength) && maxLength > 0)) throw new PlanCommentError("--max-length must be a positive integer");
    comment = renderPlanComment(stacks, { environment, ...(maxLength === undefined ? {} : { maxLength }), ...footer });
  }
  if (values.output === undefined) process.stdout.write(comment);
  else await writeFile(resolve(baseDir, values.output), comment);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof PlanJsonError || error instanceof PlanCommentError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`summarize: ${(error as Error).message}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
