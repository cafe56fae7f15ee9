import { groupsOfClaim, isAdmin } from "@video-platform/shared-types";

/**
 * What the session needs from a sign-in service, in the page's words: the session state machine
 * and its controller know this interface, never the Cognito library behind it
 * (`cognito-identity.ts`, loaded lazily) or the fake one the tests use.
 */

/** Who is signed in, as the tokens say. */
export interface SignedInUser {
  /** The Cognito `sub`: the owner id of every upload this person starts. */
  readonly sub: string;
  readonly email?: string;
  readonly isAdmin: boolean;
}

/** A signed-in session as the page uses it. */
export interface SessionTokens {
  /** Sent as `Authorization: Bearer ...` on every API call. */
  readonly accessToken: string;
  /** When the access token stops being accepted, in this browser's clock (ms since the epoch). */
  readonly expiresAt: number;
  readonly user: SignedInUser;
}

/** How a sign-in step ended: signed in, or one more question for the person. */
export type SignInOutcome =
  | { readonly kind: "signed-in"; readonly tokens: SessionTokens }
  | { readonly kind: "new-password-required" }
  | { readonly kind: "mfa-required" };

export type AuthProblemKind =
  /** Wrong e-mail or password (never says which: that would tell who has an account). */
  | "wrong-credentials"
  | "code-mismatch"
  | "code-expired"
  | "weak-password"
  | "too-many-attempts"
  /** A challenge (new password, MFA code) answered too late: start again. */
  | "challenge-expired"
  /** An admin reset the password: Cognito sent a code to set a new one. */
  | "password-reset-required"
  /** The stored session cannot be renewed (refresh token expired or revoked). */
  | "session-ended"
  | "unreachable"
  | "other";

/** Why a sign-in step failed, as plain data the state machine keeps and the page shows. */
export interface AuthProblem {
  readonly kind: AuthProblemKind;
  readonly message: string;
}

/** A problem worth trying again later without asking the person anything. */
export function isTransientProblem(problem: AuthProblem): boolean {
  return problem.kind === "unreachable" || problem.kind === "too-many-attempts";
}

/** Thrown by an IdentityProvider; carries the AuthProblem. */
export class AuthFailure extends Error {
  override readonly name = "AuthFailure";
  constructor(readonly problem: AuthProblem) {
    super(problem.message);
  }
}

export function problemOf(error: unknown): AuthProblem {
  if (error instanceof AuthFailure) return error.problem;
  return { kind: "other", message: error instanceof Error && error.message !== "" ? error.message : "Signing in failed." };
}

export interface IdentityProvider {
  /** The session kept in this browser from an earlier visit (renewed if needed), or undefined. */
  restore(): Promise<SessionTokens | undefined>;
  /** E-mail and password over SRP: the password never leaves the browser. */
  signIn(email: string, password: string): Promise<SignInOutcome>;
  /** Answers the new-password challenge of the sign-in in progress (an invited user's first sign-in). */
  completeNewPassword(newPassword: string): Promise<SignInOutcome>;
  /** Answers the TOTP challenge of the sign-in in progress. */
  sendMfaCode(code: string): Promise<SignInOutcome>;
  /** New tokens from the refresh token, quietly. */
  refresh(): Promise<SessionTokens>;
  /** Sends a code to the account's e-mail; resolves with where it went (masked), when Cognito says. */
  requestPasswordReset(email: string): Promise<{ readonly destination?: string }>;
  confirmPasswordReset(email: string, code: string, newPassword: string): Promise<void>;
  /** Ends the session: the refresh token is revoked where possible, and this browser forgets it. */
  signOut(): Promise<void>;
  /** This browser forgets the session (the API already refused it). */
  forget(): void;
}

/**
 * The user a session belongs to, from the verified-by-Cognito token payloads: `sub` and groups
 * from the access token (what the API reads), the e-mail from the ID token.
 */
export function userOfTokens(access: Readonly<Record<string, unknown>>, id: Readonly<Record<string, unknown>>): SignedInUser {
  const sub = access["sub"];
  if (typeof sub !== "string" || sub === "") throw new AuthFailure({ kind: "other", message: "The sign-in service sent a token without a user." });
  const email = id["email"];
  return {
    sub,
    // Only an address: a claim the pool fills with something else (moto writes the user name) is no e-mail.
    ...(typeof email === "string" && email.includes("@") ? { email } : {}),
    isAdmin: isAdmin(groupsOfClaim(access["cognito:groups"])),
  };
}
