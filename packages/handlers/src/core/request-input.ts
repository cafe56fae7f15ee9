import type { z } from "zod";
import { InvalidRequestError } from "./upload-errors.js";

/** The JSON body of an HTTP API request; malformed JSON is the caller's mistake, not ours. */
export function parseJsonBody(body: string | undefined, isBase64Encoded = false): unknown {
  if (body === undefined || body === "") return {};
  const text = isBase64Encoded ? Buffer.from(body, "base64").toString("utf8") : body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidRequestError("body is not valid JSON", "body");
  }
}

/**
 * Validates `input` against `schema`; the first problem becomes a 400 naming its field, or
 * `subject` (what the input is: "body", "uploadId") when the problem is with the input as a whole.
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : subject;
  throw new InvalidRequestError(`${field} ${issue?.message ?? "is invalid"}`, field);
}
