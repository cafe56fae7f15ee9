import type { z } from "zod";

/**
 * An event that does not have the shape its rule promises. Thrown (not swallowed) so that it
 * shows in the function's error metric and lands in its failure destination for a person to see.
 */
export class MalformedEventError extends Error {
  override readonly name = "MalformedEventError";
}

/** Parses an event; the error names the bad paths but never echoes the event's values. */
export function parseEvent<S extends z.ZodType>(schema: S, event: unknown, what: string): z.output<S> {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(event)"}: ${issue.message}`)
    .join("; ");
  throw new MalformedEventError(`not a ${what} event: ${problems}`);
}
