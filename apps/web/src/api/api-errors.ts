import type { QuotaLimit } from "@video-platform/shared-types";

/** What a refusal may say beyond its message: the quota a 429 hit and when to ask again. */
export interface ApiErrorDetails {
  readonly field?: string;
  readonly limit?: QuotaLimit;
  readonly retryAfterSeconds?: number;
}

/** A refusal from one of our APIs, carrying the reason it gave (ApiErrorBody). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly field?: string;
  readonly limit?: QuotaLimit;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    details: ApiErrorDetails = {},
  ) {
    super(message);
    this.field = details.field;
    this.limit = details.limit;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** Worth asking again: the server was busy or broken, or a quota frees up later. */
  get isTransient(): boolean {
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }

  /** The session is over (no token, or the API refused it): signing in again lets the call go on. */
  get needsSignIn(): boolean {
    return this.status === 401;
  }
}

/** What the page says when the API refused the token: one sentence, wherever it shows. */
export const SIGN_IN_AGAIN_MESSAGE = "Your session has ended. Sign in again to go on.";

/** A call made while nobody is signed in: refused here, as the API would refuse it. */
export function signedOutError(): ApiError {
  return new ApiError(401, "SIGNED_OUT", SIGN_IN_AGAIN_MESSAGE);
}

/** The server answered, but not in the shape the contract promises. */
export class ApiContractError extends Error {
  override readonly name = "ApiContractError";
}

/** No answer at all: the network or the server is unreachable. */
export class ApiUnreachableError extends Error {
  override readonly name = "ApiUnreachableError";
}
