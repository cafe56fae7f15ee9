import { CHANGE_KINDS, changeKindOf, type ChangeKind } from "./change-kind.js";
import type { PlanJson, ResourceChange } from "./plan-json.js";
import { statefulConcern, type StatefulOptions } from "./stateful-resource.js";

/** One resource that the plan would change, as a reviewer reads it. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
  /** Attribute paths that force a replacement, as Terraform reports them (`bucket`, `attribute[0].name`). */
  readonly forcedBy: readonly string[];
  /** Top-level attributes whose value changes or becomes known only after apply (updates). */
  readonly changedAttributes: readonly string[];
  /** Terraform's reason, in words, where it gives one (tainted, removed from configuration, …). */
  readonly reason?: string;
  readonly movedFrom?: string;
  /** Set when a replace or destroy would lose data or endpoints: why it needs care. */
  readonly care?: string;
}

export interface StackPlan {
  readonly stack: string;
  readonly terraformVersion?: string;
  readonly changes: readonly PlannedChange[];
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Addresses Terraform found changed outside Terraform since the last apply. */
  readonly drifted: readonly string[];
  readonly errored: boolean;
}

const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: "tainted",
  replace_by_request: "replacement requested (-replace)",
  replace_by_triggers: "replace_triggered_by",
  delete_because_no_resource_config: "removed from the configuration",
  delete_because_no_module: "its module was removed",
  delete_because_wrong_repetition: "switched between count and for_each",
  delete_because_count_index: "its index is no longer in count",
  delete_because_each_key: "its key is no longer in for_each",
  delete_because_no_move_target: "its moved target does not exist",
  read_because_config_unknown: "configuration known only after apply",
};

function reasonText(actionReason: string | undefined): string | undefined {
  // "cannot update" is what the forcing attribute paths already say.
  if (actionReason === undefined || actionReason === "replace_because_cannot_update") return undefined;
  return REASONS[actionReason] ?? actionReason;
}

function pathText(path: readonly (string | number)[]): string {
  return path.map((step, i) => (typeof step === "number" ? `[${step}]` : i === 0 ? step : `.${step}`)).join("");
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function containsTrue(value: unknown): boolean {
  if (value === true) return true;
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsTrue);
  return false;
}

/** Top-level attribute names that differ, without their values: plans can hold secrets. */
function changedAttributes(change: ResourceChange["change"]): string[] {
  const before = asRecord(change.before);
  const after = asRecord(change.after);
  const unknown = asRecord(change.after_unknown);
  const keys = new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)]);
  return [...keys]
    .filter((key) => containsTrue(unknown[key]) || JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .sort();
}

function plannedChange(resource: ResourceChange, options: StatefulOptions): PlannedChange | undefined {
  if (resource.mode !== "managed") return undefined;
  const kind = changeKindOf(resource.change.actions, resource.change.importing !== undefined);
  if (kind === undefined) return undefined;
  const reason = reasonText(resource.action_reason);
  const losesSomething = kind === "replace" || kind === "destroy";
  const care = losesSomething
    ? statefulConcern({ address: resource.address, type: resource.type, before: resource.change.before, after: resource.change.after }, options)
    : undefined;
  return {
    address: resource.address,
    type: resource.type,
    kind,
    forcedBy: (resource.change.replace_paths ?? []).map(pathText),
    changedAttributes: kind === "update" ? changedAttributes(resource.change) : [],
    ...(reason === undefined ? {} : { reason }),
    ...(resource.previous_address === undefined ? {} : { movedFrom: resource.previous_address }),
    ...(care === undefined ? {} : { care }),
  };
}

function byReadingOrder(a: PlannedChange, b: PlannedChange): number {
  const kindOrder = CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind);
  const careOrder = Number(b.care !== undefined) - Number(a.care !== undefined);
  return kindOrder || careOrder || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
}

/** Reduces one stack's plan to what a reviewer needs. */
export function summarizeStackPlan(stack: string, plan: PlanJson, options: StatefulOptions = {}): StackPlan {
  const changes = plan.resource_changes
    .map((resource) => plannedChange(resource, options))
    .filter((change): change is PlannedChange => change !== undefined)
    .sort(byReadingOrder);
  const counts = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as Record<ChangeKind, number>;
  for (const change of changes) counts[change.kind] += 1;
  return {
    stack,
    ...(plan.terraform_version === undefined ? {} : { terraformVersion: plan.terraform_version }),
    changes,
    counts,
    drifted: plan.resource_drift.filter((r) => r.mode === "managed").map((r) => r.address),
    errored: plan.errored,
  };
}

/** The changes across stacks that would lose data or endpoints. */
export function changesNeedingCare(stacks: readonly StackPlan[]): { stack: string; change: PlannedChange }[] {
  return stacks.flatMap((s) => s.changes.filter((change) => change.care !== undefined).map((change) => ({ stack: s.stack, change })));
}
