import { isTransientProblem, type AuthProblem, type SessionTokens } from "./identity-provider.js";

/**
 * The sign-in session, as one pure transition function like the uploader's: it decides every
 * state change and returns the effects (calls to the sign-in service, the refresh timer) as data
 * for `session-controller.ts` to run. A late answer (a refresh that lands after sign-out) meets
 * the state it finds and changes nothing there.
 */

/** Why the sign-in page is showing, said on it. */
export type SignedOutNotice = "signed-out" | "session-ended" | "password-reset";

export type SessionState =
  /** At start: looking for a session this browser kept. */
  | { readonly name: "restoring" }
  | { readonly name: "signed-out"; readonly email?: string; readonly notice?: SignedOutNotice; readonly error?: AuthProblem }
  | { readonly name: "signing-in"; readonly email: string }
  | { readonly name: "new-password-required"; readonly email: string; readonly error?: AuthProblem }
  | { readonly name: "setting-new-password"; readonly email: string }
  | { readonly name: "mfa-required"; readonly email: string; readonly error?: AuthProblem }
  | { readonly name: "verifying-mfa"; readonly email: string }
  | { readonly name: "forgot-password"; readonly email?: string; readonly error?: AuthProblem }
  | { readonly name: "requesting-reset-code"; readonly email: string }
  | { readonly name: "reset-code-sent"; readonly email: string; readonly destination?: string; readonly error?: AuthProblem }
  | { readonly name: "resetting-password"; readonly email: string }
  | { readonly name: "signed-in"; readonly tokens: SessionTokens }
  /** Signed in, new tokens on their way; API calls wait for them. */
  | { readonly name: "refreshing"; readonly tokens: SessionTokens }
  /**
   * The person signed out: the tokens are kept only while what the session was granted with them
   * and that outlives it in the browser (playback cookies) is taken back, then forgotten.
   */
  | { readonly name: "signing-out"; readonly tokens: SessionTokens };

export type SessionEvent =
  | { readonly type: "RESTORED"; readonly tokens: SessionTokens }
  | { readonly type: "NOTHING_RESTORED"; readonly problem?: AuthProblem }
  | { readonly type: "SUBMIT_PASSWORD"; readonly email: string; readonly password: string }
  | { readonly type: "SIGNED_IN"; readonly tokens: SessionTokens }
  | { readonly type: "NEW_PASSWORD_REQUIRED" }
  | { readonly type: "MFA_REQUIRED" }
  | { readonly type: "SIGN_IN_FAILED"; readonly problem: AuthProblem }
  | { readonly type: "SUBMIT_NEW_PASSWORD"; readonly password: string }
  | { readonly type: "SUBMIT_MFA_CODE"; readonly code: string }
  | { readonly type: "FORGOT_PASSWORD" }
  | { readonly type: "REQUEST_RESET_CODE"; readonly email: string }
  | { readonly type: "RESET_CODE_SENT"; readonly destination?: string }
  | { readonly type: "SUBMIT_RESET"; readonly code: string; readonly password: string }
  | { readonly type: "PASSWORD_RESET" }
  | { readonly type: "RESET_FAILED"; readonly problem: AuthProblem }
  | { readonly type: "BACK_TO_SIGN_IN" }
  | { readonly type: "REFRESH_DUE" }
  | { readonly type: "REFRESHED"; readonly tokens: SessionTokens }
  | { readonly type: "REFRESH_FAILED"; readonly problem: AuthProblem; readonly at: number }
  /** The API answered 401 to a call made with this token. */
  | { readonly type: "TOKEN_REJECTED"; readonly accessToken: string }
  | { readonly type: "SIGN_OUT" }
  /** Sign-out's calls that take back the session's grants answered, failed or ran out of time. */
  | { readonly type: "GRANTS_ENDED" }
  /** Another tab of this browser says this user signed out there. */
  | { readonly type: "SIGNED_OUT_ELSEWHERE"; readonly sub: string };

export type SessionEffect =
  | { readonly type: "restore" }
  | { readonly type: "signIn"; readonly email: string; readonly password: string }
  | { readonly type: "completeNewPassword"; readonly password: string }
  | { readonly type: "sendMfaCode"; readonly code: string }
  | { readonly type: "requestResetCode"; readonly email: string }
  | { readonly type: "confirmReset"; readonly email: string; readonly code: string; readonly password: string }
  | { readonly type: "refresh" }
  /** Arm the one refresh timer (replacing any other) to fire REFRESH_DUE at `at` (ms since the epoch). */
  | { readonly type: "scheduleRefresh"; readonly at: number }
  | { readonly type: "cancelRefresh" }
  /** Take back what the session was granted (playback cookies) while its token still works; then GRANTS_ENDED. */
  | { readonly type: "endGrants" }
  | { readonly type: "signOut" }
  /** Tell this browser's other tabs, which still hold the tokens in memory, that this user signed out. */
  | { readonly type: "announceSignOut"; readonly sub: string }
  | { readonly type: "forgetSession" };

export interface SessionStep {
  readonly state: SessionState;
  readonly effects: readonly SessionEffect[];
}

/** New tokens are asked for this long before the access token expires, so no call meets an expired one. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** After a refresh that failed for a passing reason (offline, throttled), try again this much later. */
export const REFRESH_RETRY_MS = 30_000;

export const SESSION_START: SessionStep = { state: { name: "restoring" }, effects: [{ type: "restore" }] };

/** The one place that decides: an event a state does not expect leaves it as it is. */
export function transition(state: SessionState, event: SessionEvent): SessionStep {
  return decide(state, event) ?? { state, effects: [] };
}

/** Whether `event` means anything in `state`; the sign-in page offers its buttons by it. */
export function accepts(state: SessionState, event: SessionEvent): boolean {
  return decide(state, event) !== undefined;
}

/** Whether someone is signed in (a refresh in flight included): their pages show. */
export function isSignedIn(state: SessionState): state is Extract<SessionState, { name: "signed-in" | "refreshing" }> {
  return state.name === "signed-in" || state.name === "refreshing";
}

/** Whether the session still holds tokens API calls may carry: signed in, or signing out. */
export function holdsTokens(state: SessionState): state is Extract<SessionState, { tokens: SessionTokens }> {
  return isSignedIn(state) || state.name === "signing-out";
}

function decide(state: SessionState, event: SessionEvent): SessionStep | undefined {
  switch (state.name) {
    case "restoring":
      if (event.type === "RESTORED") return signedIn(event.tokens);
      if (event.type === "NOTHING_RESTORED") {
        if (event.problem === undefined) return to({ name: "signed-out" });
        // A kept session that can no longer be renewed is over; any other problem is shown as such.
        if (event.problem.kind === "session-ended") return to({ name: "signed-out", notice: "session-ended" });
        return to({ name: "signed-out", error: event.problem });
      }
      return undefined;
    case "signed-out":
      if (event.type === "SUBMIT_PASSWORD") {
        return { state: { name: "signing-in", email: event.email }, effects: [{ type: "signIn", email: event.email, password: event.password }] };
      }
      if (event.type === "FORGOT_PASSWORD") return to({ name: "forgot-password", email: state.email });
      return undefined;
    case "signing-in":
      if (event.type === "SIGNED_IN") return signedIn(event.tokens);
      if (event.type === "NEW_PASSWORD_REQUIRED") return to({ name: "new-password-required", email: state.email });
      if (event.type === "MFA_REQUIRED") return to({ name: "mfa-required", email: state.email });
      if (event.type === "SIGN_IN_FAILED") {
        // Cognito already sent the code for the new password an admin asked for.
        if (event.problem.kind === "password-reset-required") return to({ name: "reset-code-sent", email: state.email, error: event.problem });
        return to({ name: "signed-out", email: state.email, error: event.problem });
      }
      return undefined;
    case "new-password-required":
      if (event.type === "SUBMIT_NEW_PASSWORD") {
        return { state: { name: "setting-new-password", email: state.email }, effects: [{ type: "completeNewPassword", password: event.password }] };
      }
      if (event.type === "BACK_TO_SIGN_IN") return to({ name: "signed-out", email: state.email });
      return undefined;
    case "setting-new-password":
      if (event.type === "SIGNED_IN") return signedIn(event.tokens);
      if (event.type === "MFA_REQUIRED") return to({ name: "mfa-required", email: state.email });
      if (event.type === "SIGN_IN_FAILED") return challengeFailed(event.problem, { name: "new-password-required", email: state.email, error: event.problem });
      return undefined;
    case "mfa-required":
      if (event.type === "SUBMIT_MFA_CODE") {
        return { state: { name: "verifying-mfa", email: state.email }, effects: [{ type: "sendMfaCode", code: event.code }] };
      }
      if (event.type === "BACK_TO_SIGN_IN") return to({ name: "signed-out", email: state.email });
      return undefined;
    case "verifying-mfa":
      if (event.type === "SIGNED_IN") return signedIn(event.tokens);
      if (event.type === "SIGN_IN_FAILED") return challengeFailed(event.problem, { name: "mfa-required", email: state.email, error: event.problem });
      return undefined;
    case "forgot-password":
      if (event.type === "REQUEST_RESET_CODE") {
        return { state: { name: "requesting-reset-code", email: event.email }, effects: [{ type: "requestResetCode", email: event.email }] };
      }
      if (event.type === "BACK_TO_SIGN_IN") return to({ name: "signed-out", email: state.email });
      return undefined;
    case "requesting-reset-code":
      if (event.type === "RESET_CODE_SENT") return to({ name: "reset-code-sent", email: state.email, destination: event.destination });
      if (event.type === "RESET_FAILED") return to({ name: "forgot-password", email: state.email, error: event.problem });
      return undefined;
    case "reset-code-sent":
      if (event.type === "SUBMIT_RESET") {
        const { code, password } = event;
        return { state: { name: "resetting-password", email: state.email }, effects: [{ type: "confirmReset", email: state.email, code, password }] };
      }
      // A code that did not come, or ran out: ask for another.
      if (event.type === "FORGOT_PASSWORD") return to({ name: "forgot-password", email: state.email });
      if (event.type === "BACK_TO_SIGN_IN") return to({ name: "signed-out", email: state.email });
      return undefined;
    case "resetting-password":
      if (event.type === "PASSWORD_RESET") return to({ name: "signed-out", email: state.email, notice: "password-reset" });
      if (event.type === "RESET_FAILED") return to({ name: "reset-code-sent", email: state.email, error: event.problem });
      return undefined;
    case "signed-in":
      if (event.type === "REFRESH_DUE") return { state: { name: "refreshing", tokens: state.tokens }, effects: [{ type: "refresh" }] };
      return endOfSession(state.tokens, event);
    case "refreshing":
      if (event.type === "REFRESHED") return signedIn(event.tokens);
      if (event.type === "REFRESH_FAILED") {
        if (isTransientProblem(event.problem)) {
          // Offline or throttled: keep the session and try again soon; the API says when it is really over.
          return { state: { name: "signed-in", tokens: state.tokens }, effects: [{ type: "scheduleRefresh", at: event.at + REFRESH_RETRY_MS }] };
        }
        return sessionEnded(state.tokens);
      }
      return endOfSession(state.tokens, event);
    case "signing-out":
      // Tokens are forgotten (and the refresh token revoked) only now, after the grants' calls.
      if (event.type === "GRANTS_ENDED") {
        return {
          state: { name: "signed-out", email: state.tokens.user.email, notice: "signed-out" },
          effects: [{ type: "signOut" }, { type: "announceSignOut", sub: state.tokens.user.sub }],
        };
      }
      return undefined;
    default:
      return unknownState(state);
  }
}

/** Makes a state added to the union without a case here a compile error. */
function unknownState(state: never): never {
  throw new Error(`Unknown session state ${JSON.stringify(state)}`);
}

function to(state: SessionState): SessionStep {
  return { state, effects: [] };
}

function signedIn(tokens: SessionTokens): SessionStep {
  return { state: { name: "signed-in", tokens }, effects: [{ type: "scheduleRefresh", at: tokens.expiresAt - REFRESH_MARGIN_MS }] };
}

/** A challenge answered too late cannot be answered again: the person starts over. */
function challengeFailed(problem: AuthProblem, retry: SessionState & { email: string }): SessionStep {
  if (problem.kind === "challenge-expired") return to({ name: "signed-out", email: retry.email, error: problem });
  return to(retry);
}

/**
 * What ends a session from either signed-in state: signing out here or (the same user) in another
 * tab, or the API refusing its token.
 */
function endOfSession(tokens: SessionTokens, event: SessionEvent): SessionStep | undefined {
  if (event.type === "SIGN_OUT") return { state: { name: "signing-out", tokens }, effects: [{ type: "cancelRefresh" }, { type: "endGrants" }] };
  // The other tab already took back the grants and revoked the session: only this tab's copy is left.
  if (event.type === "SIGNED_OUT_ELSEWHERE" && event.sub === tokens.user.sub) {
    return { state: { name: "signed-out", email: tokens.user.email, notice: "signed-out" }, effects: [{ type: "cancelRefresh" }, { type: "forgetSession" }] };
  }
  // A 401 to a token this session no longer uses (refreshed meanwhile) says nothing about it.
  if (event.type === "TOKEN_REJECTED" && event.accessToken === tokens.accessToken) return sessionEnded(tokens);
  return undefined;
}

function sessionEnded(tokens: SessionTokens): SessionStep {
  return {
    state: { name: "signed-out", email: tokens.user.email, notice: "session-ended" },
    effects: [{ type: "cancelRefresh" }, { type: "forgetSession" }],
  };
}
