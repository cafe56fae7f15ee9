import type { QuotaLimit } from "@video-platform/shared-types";

/**
 * The ways a request to the upload or status API can be refused. Each is a small class so that
 * the HTTP layer maps them to status codes in one place (`http/api-gateway.ts`).
 */
export abstract class UploadApiError extends Error {
  abstract readonly code: string;
}

/** The request is malformed or a field is invalid; `field` names it when there is one. */
export class InvalidRequestError extends UploadApiError {
  override readonly name = "InvalidRequestError";
  readonly code = "INVALID_REQUEST";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class UploadNotFoundError extends UploadApiError {
  override readonly name = "UploadNotFoundError";
  readonly code = "UPLOAD_NOT_FOUND";
  constructor(readonly uploadId: string) {
    super(`no upload ${uploadId}`);
  }
}

export class UploadTooLargeError extends UploadApiError {
  override readonly name = "UploadTooLargeError";
  readonly code = "UPLOAD_TOO_LARGE";
  readonly field = "sizeBytes";
  constructor(readonly maxBytes: number) {
    super(`sizeBytes must be at most ${maxBytes}`);
  }
}

/** The upload exists but is not in a state that allows the request (e.g. completing a finished upload). */
export class UploadStateConflictError extends UploadApiError {
  override readonly name = "UploadStateConflictError";
  readonly code = "UPLOAD_STATE_CONFLICT";
}

export class RouteNotFoundError extends UploadApiError {
  override readonly name = "RouteNotFoundError";
  readonly code = "ROUTE_NOT_FOUND";
  constructor(readonly routeKey: string) {
    super(`no route ${routeKey}`);
  }
}

/** No signed-in caller reached the route: the authorizer was bypassed or left no subject. */
export class UnauthenticatedError extends UploadApiError {
  override readonly name = "UnauthenticatedError";
  readonly code = "UNAUTHENTICATED";
  constructor() {
    super("sign in to use this API");
  }
}

/** The caller is signed in but may not ask for this at all (not "this upload": that is a 404). */
export class ForbiddenError extends UploadApiError {
  override readonly name = "ForbiddenError";
  readonly code = "FORBIDDEN";
}

/** A per-user limit refuses the request; `retryAfterSeconds` says when it frees up at the latest. */
export class QuotaExceededError extends UploadApiError {
  override readonly name = "QuotaExceededError";
  readonly code = "quota_exceeded";
  constructor(
    readonly limit: QuotaLimit,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Playback cannot be granted because this environment has no usable signing key (yet). */
export class PlaybackUnavailableError extends UploadApiError {
  override readonly name = "PlaybackUnavailableError";
  readonly code = "PLAYBACK_UNAVAILABLE";
}
