import type { z } from "zod";

/** A schema's complaints on one line, each after the path of the field it is about: `a.b must be …; c …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`).join("; ");
}
