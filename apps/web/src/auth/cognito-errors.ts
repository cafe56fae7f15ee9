import { PASSWORD_POLICY } from "@video-platform/shared-types";
import type { AuthProblem } from "./identity-provider.js";

/** Which call failed: the same Cognito error means different things in each. */
export type CognitoCall = "sign-in" | "challenge" | "refresh" | "reset-request" | "reset-confirm";

/** The password rule, in the words the forms show beside a new password. */
export const PASSWORD_RULE = passwordRule();

function passwordRule(): string {
  const kinds = [
    PASSWORD_POLICY.requireLowercase && "a lower-case letter",
    PASSWORD_POLICY.requireUppercase && "an upper-case letter",
    PASSWORD_POLICY.requireNumbers && "a number",
    PASSWORD_POLICY.requireSymbols && "a symbol",
  ].filter((kind): kind is string => typeof kind === "string");
  const last = kinds.pop();
  const listed = kinds.length === 0 ? (last ?? "") : `${kinds.join(", ")} and ${last ?? ""}`;
  return `At least ${PASSWORD_POLICY.minimumLength} characters${listed === "" ? "" : `, with ${listed}`}.`;
}

/** Each problem the page can report, said once: several Cognito errors (and calls) mean the same. */
const UNREACHABLE: AuthProblem = { kind: "unreachable", message: "Could not reach the sign-in service. Check the connection, then try again." };
const WRONG_CREDENTIALS: AuthProblem = { kind: "wrong-credentials", message: "Wrong e-mail or password." };
const CODE_MISMATCH: AuthProblem = { kind: "code-mismatch", message: "That code is not right. Check it and try again." };
/** The kept session cannot be renewed (refresh token expired or revoked, or none in memory). */
export const SESSION_ENDED: AuthProblem = { kind: "session-ended", message: "Your session has ended. Sign in again." };
/** A challenge answered too late, or with no sign-in in progress: the person starts over. */
export const CHALLENGE_EXPIRED: AuthProblem = { kind: "challenge-expired", message: "That took too long. Sign in again." };

/**
 * What the page says of a Cognito error (amazon-cognito-identity-js puts the service's
 * `__type` in `code`, or `NetworkError` when nothing answered). Unknown codes keep Cognito's message.
 */
export function problemOfCognitoError(error: unknown, during: CognitoCall): AuthProblem {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : "";
  switch (code) {
    case "NotAuthorizedException":
      if (/attempts exceeded/i.test(message)) return { kind: "too-many-attempts", message: "Too many failed attempts. Wait a few minutes, then try again." };
      if (during === "refresh") return SESSION_ENDED;
      if (during === "challenge") return CHALLENGE_EXPIRED;
      return WRONG_CREDENTIALS;
    case "UserNotFoundException":
      // Saying "no such user" would tell anyone who has an account.
      return during === "reset-request" || during === "reset-confirm" ? CODE_MISMATCH : WRONG_CREDENTIALS;
    case "CodeMismatchException":
      return CODE_MISMATCH;
    case "ExpiredCodeException":
      return { kind: "code-expired", message: "That code has expired. Ask for a new one." };
    case "InvalidPasswordException":
      return { kind: "weak-password", message: `That password is not allowed here. ${PASSWORD_RULE}` };
    case "LimitExceededException":
    case "TooManyRequestsException":
    case "TooManyFailedAttemptsException":
      return { kind: "too-many-attempts", message: "Too many attempts. Wait a few minutes, then try again." };
    case "PasswordResetRequiredException":
      return { kind: "password-reset-required", message: "Your password must be changed: enter the code sent to your e-mail and a new password." };
    case "UserNotConfirmedException":
      return { kind: "other", message: "This account is not confirmed yet. Ask an administrator to confirm it." };
    case "NetworkError":
    case "InternalErrorException":
      return UNREACHABLE;
    default:
      if (error instanceof TypeError) return UNREACHABLE;
      return { kind: "other", message: message === "" ? "The sign-in service refused the request." : message };
  }
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === "string") return code;
  return typeof name === "string" && name.endsWith("Exception") ? name : undefined;
}
