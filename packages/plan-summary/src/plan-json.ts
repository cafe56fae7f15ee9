import * as z from "zod";

/**
 * The parts of Terraform's machine-readable plan (`terraform show -json <planfile>`, format 1.x)
 * that a review summary reads. Unknown keys are ignored so newer Terraform versions still parse.
 */
export const PlanAction = z.enum(["no-op", "create", "read", "update", "delete", "forget"]);
export type PlanAction = z.infer<typeof PlanAction>;

const AttributePath = z.array(z.union([z.string(), z.number()]));

export const ResourceChange = z.object({
  address: z.string().min(1),
  previous_address: z.string().optional(),
  module_address: z.string().optional(),
  mode: z.enum(["managed", "data"]),
  type: z.string().min(1),
  name: z.string(),
  index: z.union([z.string(), z.number()]).optional(),
  provider_name: z.string(),
  action_reason: z.string().optional(),
  change: z.object({
    actions: z.array(PlanAction).min(1),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    after_unknown: z.unknown().optional(),
    replace_paths: z.array(AttributePath).optional(),
    importing: z.object({ id: z.string().optional() }).optional(),
  }),
});
export type ResourceChange = z.infer<typeof ResourceChange>;

export const PlanJson = z.object({
  format_version: z.string().regex(/^1\./, "is not a Terraform plan format 1.x"),
  terraform_version: z.string().optional(),
  resource_changes: z.array(ResourceChange).default([]),
  resource_drift: z.array(ResourceChange).default([]),
  errored: z.boolean().default(false),
});
export type PlanJson = z.infer<typeof PlanJson>;

export class PlanJsonError extends Error {
  override readonly name = "PlanJsonError";
}

/** Validates an already-decoded plan document; `source` names it in the error. */
export function parsePlanJson(document: unknown, source: string): PlanJson {
  const result = PlanJson.safeParse(document);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    throw new PlanJsonError(`${source} is not a Terraform plan JSON (terraform show -json): ${problems}`);
  }
  return result.data;
}
