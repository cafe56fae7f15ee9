import { ApiContractError, ApiError, ApiUnreachableError } from "../api/api-errors.js";
import type { Failure } from "./upload-machine.js";

/** Uppy's transfer errors carry the XMLHttpRequest (or a stand-in with a status) as `source`. */
function transferStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("source" in error)) return undefined;
  const source = (error as { source?: unknown }).source;
  if (typeof source !== "object" || source === null || !("status" in source)) return undefined;
  const status = (source as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

/** The sentence shown next to a file whose upload stopped: the API's own reason when it gave one. */
export function describeUploadFailure(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof ApiUnreachableError) return "Could not reach the upload service. Check the connection, then retry.";
  if (error instanceof ApiContractError) return error.message;
  const status = transferStatusOf(error);
  if (status !== undefined) {
    if (status === 0) return "The connection dropped while sending the file.";
    if (status === 403) return "The storage refused the upload link (it may have expired).";
    return `The storage answered HTTP ${status} while receiving the file.`;
  }
  if (error instanceof Error && error.message !== "") return error.message;
  return "The upload failed.";
}

/**
 * A refusal (bad name, type or size) fails the same way every time; anything else (network,
 * a busy server, a quota that frees up, an expired link, an ended session) is worth another attempt.
 */
function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return error.isTransient || error.needsSignIn;
  if (error instanceof ApiContractError) return false;
  return true;
}

/** What the state machine is told of an error: the sentence to show and whether to pause or fail. */
export function failureOf(error: unknown): Failure {
  const needsSignIn = error instanceof ApiError && error.needsSignIn;
  return { reason: describeUploadFailure(error), retryable: isRetryable(error), ...(needsSignIn ? { needsSignIn } : {}) };
}
