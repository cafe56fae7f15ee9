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
