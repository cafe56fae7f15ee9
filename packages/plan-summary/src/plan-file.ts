import { readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { parsePlanJson, PlanJsonError } from "./plan-json.js";
import { summarizeStackPlan, type StackPlan } from "./stack-plan.js";
import type { StatefulOptions } from "./stateful-resource.js";

/** A plan JSON file and the stack it belongs to. */
export interface PlanFile {
  readonly stack: string;
  readonly path: string;
}

/**
 * Reads `STACK=PATH`, or a bare `PATH` whose stack is taken from the layout
 * `cdktf.out/stacks/<stack>/plan.json`, or else from the file name (`dev.json` → `dev`).
 * Relative paths resolve against `baseDir`.
 */
export function planFileArgument(argument: string, baseDir: string): PlanFile {
  const named = /^([A-Za-z0-9][A-Za-z0-9_.-]*)=(.+)$/.exec(argument);
  if (named?.[1] !== undefined && named[2] !== undefined) return { stack: named[1], path: resolve(baseDir, named[2]) };
  const path = resolve(baseDir, argument);
  const file = basename(path);
  const stack = /^plan\.json$/i.test(file) ? basename(dirname(path)) : file.replace(/(\.plan)?\.json$/i, "");
  return { stack, path };
}

/** Reads and validates one plan file; any failure names the file. */
export async function readStackPlan(file: PlanFile, options: StatefulOptions = {}): Promise<StackPlan> {
  let text: string;
  try {
    text = await readFile(file.path, "utf8");
  } catch (error) {
    throw new PlanJsonError(`cannot read ${file.path}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new PlanJsonError(`${file.path} is not JSON: ${(error as Error).message}`);
  }
  return summarizeStackPlan(file.stack, parsePlanJson(document, file.path), options);
}
