import type { PlanAction } from "./plan-json.js";

/** What a reviewer must weigh, in the order a reviewer should read them. */
export const CHANGE_KINDS = ["replace", "destroy", "update", "create", "import", "forget"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The kinds every summary counts, even at zero; the others only appear when present. */
export const COUNTED_KINDS = ["create", "update", "replace", "destroy"] as const satisfies readonly ChangeKind[];

/**
 * Maps Terraform's action list to one kind. Replacement is either order of delete and create
 * (create-before-destroy or not); a no-op that imports is an import; plain no-ops and data-source
 * reads are not changes.
 */
export function changeKindOf(actions: readonly PlanAction[], importing: boolean): ChangeKind | undefined {
  const has = (action: PlanAction) => actions.includes(action);
  if (has("delete") && has("create")) return "replace";
  if (has("delete")) return "destroy";
  if (has("create")) return "create";
  if (has("update")) return "update";
  if (has("forget")) return "forget";
  if (importing) return "import";
  return undefined;
}
