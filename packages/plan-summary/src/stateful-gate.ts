import { changesNeedingCare, type StackPlan } from "./stack-plan.js";

/** The pull-request label by which a reviewer accepts a replace or destroy of stateful resources. */
export const ALLOW_STATEFUL_CHANGE_LABEL = "allow-stateful-change";

export interface GateOptions {
  /** The labels the pull request carries; none for a deployment. */
  readonly labels?: readonly string[];
  readonly allowLabel?: string;
}

/**
 * Whether a plan may go ahead. A plan that would replace or destroy a stateful resource is
 * `blocked` until the pull request carries the allow label (then `allowed`); either way its
 * deployment waits for an approval. Every other plan is `clear`.
 */
export type GateVerdict =
  | { readonly status: "clear" }
  | { readonly status: "blocked" | "allowed"; readonly label: string; readonly statefulChanges: number };

export function statefulChangeGate(stacks: readonly StackPlan[], options: GateOptions = {}): GateVerdict {
  const statefulChanges = changesNeedingCare(stacks).length;
  if (statefulChanges === 0) return { status: "clear" };
  const label = options.allowLabel ?? ALLOW_STATEFUL_CHANGE_LABEL;
  return { status: (options.labels ?? []).includes(label) ? "allowed" : "blocked", label, statefulChanges };
}

export class LabelListError extends Error {
  override readonly name = "LabelListError";
}

/**
 * Reads the labels as a workflow hands them over: a JSON array of names
 * (`toJSON(github.event.pull_request.labels.*.name)`) or a comma-separated list.
 */
export function parseLabelList(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new LabelListError(`labels are not a JSON array: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed) || !parsed.every((label) => typeof label === "string")) {
      throw new LabelListError("labels must be a JSON array of strings");
    }
    return parsed;
  }
  return trimmed.split(",").map((label) => label.trim()).filter((label) => label !== "");
}
