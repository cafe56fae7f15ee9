import { COUNTED_KINDS, CHANGE_KINDS, type ChangeKind } from "./change-kind.js";
import { changesNeedingCare, type PlannedChange, type StackPlan } from "./stack-plan.js";
import type { GateVerdict } from "./stateful-gate.js";

/** GitHub refuses comments over 65,536 characters; stay clear of it. */
export const DEFAULT_MAX_COMMENT_LENGTH = 60_000;

export interface PlanCommentOptions {
  /** The environment the comment belongs to: names the hidden marker and the heading. */
  readonly environment: string;
  readonly maxLength?: number;
  /** A line for the end, such as a link to the workflow run that holds the plan files. */
  readonly footer?: string;
  /** A review plan (the default) or a scheduled drift check of what is deployed. */
  readonly kind?: "plan" | "drift";
  /** The stateful-change gate's verdict, said under the caution when there is one. */
  readonly gate?: GateVerdict;
}

export class PlanCommentError extends Error {
  override readonly name = "PlanCommentError";
}

const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * The hidden first line of every comment for `environment`, so that a workflow finds and updates
 * its own comment instead of adding another.
 */
export function commentMarker(environment: string): string {
  if (!ENVIRONMENT_NAME.test(environment)) {
    throw new PlanCommentError(`environment name ${JSON.stringify(environment)} must match ${ENVIRONMENT_NAME}`);
  }
  return `<!-- video-platform:plan-summary environment=${environment} -->`;
}

function code(text: string): string {
  return `\`${text.replaceAll("`", "'")}\``;
}

/** Table cells end at an unescaped pipe, even inside code spans. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the gate's verdict means for this pull request and its deployment. */
function gateLines(gate: GateVerdict | undefined): string[] {
  if (gate === undefined || gate.status === "clear") return [];
  const after = "After merge, the deployment of every environment waits for a reviewer's approval.";
  return gate.status === "blocked"
    ? [`> **This check fails until the pull request carries the label ${code(gate.label)}.** ${after}`, ">"]
    : [`> Accepted with the label ${code(gate.label)}. ${after}`, ">"];
}

function careSection(stacks: readonly StackPlan[], gate: GateVerdict | undefined): string[] {
  const care = changesNeedingCare(stacks);
  if (care.length === 0) return [];
  const lines = [
    "> [!CAUTION]",
    `> **Needs care: this plan would ${care.some((c) => c.change.kind === "destroy") ? "destroy or replace" : "replace"} ${plural(care.length, "stateful resource")}.** ` +
      "What they hold does not come back with a later apply.",
    ">",
    ...gateLines(gate),
  ];
  for (const { stack, change } of care) {
    const forced = change.forcedBy.length > 0 ? ` Forced by ${change.forcedBy.map(code).join(", ")}.` : "";
    const reason = change.reason === undefined ? "" : ` Because: ${change.reason}.`;
    lines.push(`> - **${change.kind}** ${code(change.address)} in ${code(stack)}: ${change.care}.${forced}${reason}`);
  }
  return [...lines, ""];
}

function countsTable(stacks: readonly StackPlan[]): string[] {
  const extra = CHANGE_KINDS.filter((k) => !(COUNTED_KINDS as readonly ChangeKind[]).includes(k) && stacks.some((s) => s.counts[k] > 0));
  const kinds: readonly ChangeKind[] = [...COUNTED_KINDS, ...extra];
  return [
    `| stack | ${kinds.join(" | ")} |`,
    `| --- | ${kinds.map(() => "---:").join(" | ")} |`,
    ...stacks.map((s) => `| ${cell(code(s.stack))} | ${kinds.map((k) => String(s.counts[k])).join(" | ")} |`),
    "",
  ];
}

function details(change: PlannedChange): string {
  const parts: string[] = [];
  if (change.care !== undefined) parts.push("**needs care**");
  if (change.forcedBy.length > 0) parts.push(`forced by ${change.forcedBy.map(code).join(", ")}`);
  if (change.reason !== undefined) parts.push(change.reason);
  if (change.changedAttributes.length > 0) parts.push(change.changedAttributes.map(code).join(", "));
  if (change.movedFrom !== undefined) parts.push(`moved from ${code(change.movedFrom)}`);
  return cell(parts.join("; "));
}

function actionLabel(kind: ChangeKind): string {
  return kind === "replace" || kind === "destroy" ? `**${kind}**` : kind;
}

/** Past this many, resources to create fold away: a first deploy would otherwise bury the rest. */
const VISIBLE_CREATES = 20;

function changeTable(changes: readonly PlannedChange[]): string[] {
  return [
    "| action | resource | details |",
    "| --- | --- | --- |",
    ...changes.map((change) => `| ${actionLabel(change.kind)} | ${cell(code(change.address))} | ${details(change)} |`),
  ];
}

function stackSection(stack: StackPlan, rowLimit: number): string[] {
  const heading = `#### ${code(stack.stack)}`;
  const lines: string[] = [];
  if (stack.errored) lines.push("> [!WARNING]", "> Terraform reported errors while planning this stack: the list below may be incomplete.", "");
  if (stack.changes.length === 0) {
    lines.unshift(heading, "");
    lines.push("No changes. The infrastructure matches the configuration; applying would change nothing.", "");
  } else {
    lines.unshift(`${heading}: ${plural(stack.changes.length, "change")}`, "");
    const shown = stack.changes.slice(0, rowLimit);
    const creates = shown.filter((change) => change.kind === "create");
    const others = shown.filter((change) => change.kind !== "create");
    if (creates.length <= VISIBLE_CREATES) {
      lines.push(...changeTable(shown), "");
    } else {
      if (others.length > 0) lines.push(...changeTable(others), "");
      lines.push(`<details><summary>${plural(creates.length, "resource")} to create</summary>`, "", ...changeTable(creates), "", "</details>", "");
    }
    const hidden = stack.changes.length - shown.length;
    if (hidden > 0) lines.push(`…and ${plural(hidden, "more change")}; the full plan is in the workflow run's artifacts.`, "");
  }
  if (stack.drifted.length > 0) {
    const names = stack.drifted.slice(0, 10).map(code).join(", ");
    const more = stack.drifted.length > 10 ? ` and ${stack.drifted.length - 10} more` : "";
    lines.push(`Changed outside Terraform since the last apply: ${names}${more}.`, "");
  }
  return lines;
}

function headingLines(options: PlanCommentOptions): string[] {
  const title = options.kind === "drift" ? "Drift check" : "Terraform plan";
  return [commentMarker(options.environment), `### ${title}: ${options.environment}`, ""];
}

function render(stacks: readonly StackPlan[], options: PlanCommentOptions, rowLimit: number): string {
  const lines = headingLines(options);
  lines.push(...careSection(stacks, options.gate));
  if (stacks.every((s) => s.changes.length === 0 && !s.errored)) {
    const names = stacks.map((s) => code(s.stack)).join(", ");
    lines.push(`**No changes.** ${names} ${stacks.length === 1 ? "matches" : "match"} the configuration; applying would change nothing.`, "");
  } else {
    lines.push(...countsTable(stacks));
    for (const stack of stacks) lines.push(...stackSection(stack, rowLimit));
  }
  const versions = [...new Set(stacks.map((s) => s.terraformVersion).filter((v) => v !== undefined))];
  const footer = [versions.length > 0 ? `Terraform ${versions.join(", ")}` : undefined, options.footer].filter((p) => p !== undefined);
  if (footer.length > 0) lines.push(`<sub>${footer.join(" · ")}</sub>`);
  return `${lines.join("\n").trimEnd()}\n`;
}

/**
 * The comment that replaces an environment's summary when no plan could be made, so that the
 * last good summary does not stand for a change it no longer describes.
 */
export function renderPlanFailureComment(options: PlanCommentOptions & { readonly failure: string }): string {
  const lines = headingLines(options);
  lines.push("> [!WARNING]", `> **No plan.** ${options.failure.trim()}`, "");
  if (options.footer !== undefined) lines.push(`<sub>${options.footer}</sub>`);
  return `${lines.join("\n").trimEnd()}\n`;
}

/**
 * The Markdown comment for one environment's plans: stateful replacements and destructions first,
 * then counts per stack, then each stack's changed resources. Long resource lists are cut to fit
 * GitHub's comment limit; the counts and the cautions never are.
 */
export function renderPlanComment(stacks: readonly StackPlan[], options: PlanCommentOptions): string {
  if (stacks.length === 0) throw new PlanCommentError("no plans to summarize");
  const maxLength = options.maxLength ?? DEFAULT_MAX_COMMENT_LENGTH;
  let rowLimit = Math.max(...stacks.map((s) => s.changes.length));
  let text = render(stacks, options, rowLimit);
  while (text.length > maxLength && rowLimit > 0) {
    rowLimit = Math.floor(rowLimit * 0.8);
    text = render(stacks, options, rowLimit);
  }
  if (text.length > maxLength) throw new PlanCommentError(`the summary needs ${text.length} characters even without resource lists (limit ${maxLength})`);
  return text;
}
