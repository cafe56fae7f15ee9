import type { IncomingMessage, ServerResponse } from "node:http";

/** MediaConvert's API versions every path: `/2017-08-29/jobs`, `/2017-08-29/jobs/{id}`. */
export const API_VERSION_PREFIX = "/2017-08-29";

/**
 * A refusal as the API sends it: an HTTP status and the error type the SDK turns into its
 * exception (`BadRequestException`, `NotFoundException`, ...).
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, "BadRequestException", message);
}

export function notFound(message: string): ApiError {
  return new ApiError(404, "NotFoundException", message);
}

export function conflict(message: string): ApiError {
  return new ApiError(409, "ConflictException", message);
}

export async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON");
  }
}

export function reply(response: ServerResponse, statusCode: number, body: unknown, errorType?: string): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (errorType) headers["x-amzn-errortype"] = errorType;
  response.writeHead(statusCode, headers).end(JSON.stringify(body));
}
