/** A refusal from one of our APIs, carrying the reason it gave (ApiErrorBody). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** Worth asking again: the server was busy or broken, not refusing this request. */
  get isTransient(): boolean {
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

/** The server answered, but not in the shape the contract promises. */
export class ApiContractError extends Error {
  override readonly name = "ApiContractError";
}

/** No answer at all: the network or the server is unreachable. */
export class ApiUnreachableError extends Error {
  override readonly name = "ApiUnreachableError";
}
