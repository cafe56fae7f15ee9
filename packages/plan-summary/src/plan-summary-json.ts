import type { StackPlan } from "./stack-plan.js";
import type { GateVerdict } from "./stateful-gate.js";

/**
 * The machine-readable summary kept beside the comment as a workflow artifact: addresses, kinds
 * of change, attribute names and cautions, never an attribute's value (plan JSON holds secrets
 * unredacted, so it is never shared).
 */
export interface PlanSummaryJson {
  readonly environment: string;
  readonly kind: "plan" | "drift";
  readonly gate: GateVerdict;
  readonly stacks: readonly StackPlan[];
}

export function planSummaryJson(stacks: readonly StackPlan[], summary: Omit<PlanSummaryJson, "stacks">): string {
  const document: PlanSummaryJson = { ...summary, stacks };
  return `${JSON.stringify(document, null, 2)}\n`;
}
