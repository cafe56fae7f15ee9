/** What the client gets back. */
export interface HttpReply {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

interface StructuredResult {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

function isStructured(result: unknown): result is StructuredResult {
  return typeof result === "object" && result !== null && typeof (result as { statusCode?: unknown }).statusCode === "number";
}

/**
 * Turns a function's result into the HTTP reply as payload format 2.0 does: a result with a
 * `statusCode` is taken as it is; anything else is sent as a 200 JSON body.
 */
export function toHttpReply(result: unknown): HttpReply {
  if (!isStructured(result)) {
    const body = typeof result === "string" ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { "content-type": "application/json" }, body: Buffer.from(body, "utf8") };
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers["set-cookie"] = result.cookies;
  const body = result.body ?? "";
  return {
    statusCode: result.statusCode,
    headers,
    body: result.isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8"),
  };
}

/** API Gateway's own answer when the integration failed. */
export const INTERNAL_SERVER_ERROR: HttpReply = {
  statusCode: 500,
  headers: { "content-type": "application/json" },
  body: Buffer.from(JSON.stringify({ message: "Internal Server Error" })),
};

/** What API Gateway answers when a route's authorizer turns the caller away. */
export const UNAUTHORIZED: HttpReply = {
  statusCode: 401,
  headers: { "content-type": "application/json" },
  body: Buffer.from(JSON.stringify({ message: "Unauthorized" })),
};

export const ROUTE_NOT_FOUND: HttpReply = {
  statusCode: 404,
  headers: { "content-type": "application/json" },
  body: Buffer.from(JSON.stringify({ message: "Not Found" })),
};
