import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePlanJson, summarizeStackPlan, type PlanJson, type StackPlan, type StatefulOptions } from "../src/index.js";

/** Plans made by `pnpm fixtures` with Terraform 1.11.4 and hashicorp/aws 5.100.0. */
export const FIXTURE_NAMES = [
  "dev-create",
  "dev-no-changes",
  "dev-replace-destroy",
  "dev-replace-secret",
  "dev-destroy-table",
  "bootstrap-destroy",
] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export const fixturePath = (name: FixtureName): string => join(import.meta.dirname, "fixtures", "plans", `${name}.json`);

export function fixtureDocument(name: FixtureName): Record<string, unknown> {
  return JSON.parse(readFileSync(fixturePath(name), "utf8")) as Record<string, unknown>;
}

export function fixturePlan(name: FixtureName): PlanJson {
  return parsePlanJson(fixtureDocument(name), name);
}

export function fixtureStack(name: FixtureName, stack: string = name.split("-")[0]!, options: StatefulOptions = {}): StackPlan {
  return summarizeStackPlan(stack, fixturePlan(name), options);
}
