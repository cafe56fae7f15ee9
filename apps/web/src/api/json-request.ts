import { ApiErrorBody } from "@video-platform/shared-types";
import type * as z from "zod";
import { ApiContractError, ApiError, ApiUnreachableError, SIGN_IN_AGAIN_MESSAGE } from "./api-errors.js";
import type { RouteRequest } from "./route-url.js";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface JsonRequestOptions {
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/**
 * One JSON call to our APIs: a refusal becomes an ApiError with the server's own message, and a
 * success is checked against the contract's schema before anyone uses it.
 */
export async function requestJson<S extends z.ZodType>(
  fetchFn: FetchLike,
  route: RouteRequest,
  schema: S,
  options: JsonRequestOptions = {},
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetchFn(route.url, {
      method: route.method,
      headers: options.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    // Refused before it left (nobody signed in): already the answer the API would give.
    if (error instanceof ApiError) throw error;
    throw new ApiUnreachableError(`Could not reach ${new URL(route.url).host}`, { cause: error });
  }

  const payload = await readJson(response);
  if (!response.ok) throw refusalOf(response, payload);

  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"} ${issue.message}`);
    throw new ApiContractError(`Unexpected answer from ${route.method} ${new URL(route.url).pathname}: ${problems.join("; ")}`);
  }
  return parsed.data;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function refusalOf(response: Response, payload: unknown): ApiError {
  // API Gateway's JWT authorizer answers `{"message":"Unauthorized"}`: what matters is that the
  // session is over, said the same way wherever it shows.
  if (response.status === 401) return new ApiError(401, "UNAUTHORIZED", SIGN_IN_AGAIN_MESSAGE);
  const body = ApiErrorBody.safeParse(payload);
  if (body.success) {
    const { code, message, field, limit } = body.data.error;
    return new ApiError(response.status, code, message, { field, limit, retryAfterSeconds: retryAfterOf(response) });
  }
  const reason = response.statusText === "" ? "" : ` ${response.statusText}`;
  return new ApiError(response.status, `HTTP_${response.status}`, `The server answered ${response.status}${reason}`, {
    retryAfterSeconds: retryAfterOf(response),
  });
}

/** `Retry-After` in seconds (the only form our APIs send); anything else is ignored. */
function retryAfterOf(response: Response): number | undefined {
  const header = response.headers.get("retry-after")?.trim() ?? "";
  return /^\d+$/.test(header) ? Number(header) : undefined;
}
