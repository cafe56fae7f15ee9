import { describe, expect, it } from "vitest";
import { itFollowsItsTransitionTable, type TransitionRow } from "./transition-table.js";
import type { AuthProblem, SessionTokens } from "../src/auth/identity-provider.js";
import {
  REFRESH_MARGIN_MS,
  REFRESH_RETRY_MS,
  SESSION_START,
  accepts,
  holdsTokens,
  isSignedIn,
  transition,
  type SessionEvent,
  type SessionState,
  type SessionStep,
} from "../src/auth/session-machine.js";

const NOW = Date.parse("2030-01-01T12:00:00.000Z");
const EMAIL = "ada@example.com";
const tokens: SessionTokens = { accessToken: "access-1", expiresAt: NOW + 3_600_000, user: { sub: "sub-ada", email: EMAIL, isAdmin: false } };
const renewed: SessionTokens = { ...tokens, accessToken: "access-2", expiresAt: NOW + 7_200_000 };
const problem = (kind: AuthProblem["kind"]): AuthProblem => ({ kind, message: `${kind} happened` });

/** One state of every kind. */
const STATES = {
  restoring: { name: "restoring" },
  "signed-out": { name: "signed-out", email: EMAIL },
  "signing-in": { name: "signing-in", email: EMAIL },
  "new-password-required": { name: "new-password-required", email: EMAIL },
  "setting-new-password": { name: "setting-new-password", email: EMAIL },
  "mfa-required": { name: "mfa-required", email: EMAIL },
  "verifying-mfa": { name: "verifying-mfa", email: EMAIL },
  "forgot-password": { name: "forgot-password", email: EMAIL },
  "requesting-reset-code": { name: "requesting-reset-code", email: EMAIL },
  "reset-code-sent": { name: "reset-code-sent", email: EMAIL, destination: "a***@e***" },
  "resetting-password": { name: "resetting-password", email: EMAIL },
  "signed-in": { name: "signed-in", tokens },
  refreshing: { name: "refreshing", tokens },
  "signing-out": { name: "signing-out", tokens },
} satisfies { [N in SessionState["name"]]: Extract<SessionState, { name: N }> };
type StateLabel = keyof typeof STATES;

const EVENTS = {
  RESTORED: { type: "RESTORED", tokens },
  NOTHING_RESTORED: { type: "NOTHING_RESTORED" },
  SUBMIT_PASSWORD: { type: "SUBMIT_PASSWORD", email: EMAIL, password: "Correct-horse-9" },
  SIGNED_IN: { type: "SIGNED_IN", tokens },
  NEW_PASSWORD_REQUIRED: { type: "NEW_PASSWORD_REQUIRED" },
  MFA_REQUIRED: { type: "MFA_REQUIRED" },
  SIGN_IN_FAILED: { type: "SIGN_IN_FAILED", problem: problem("wrong-credentials") },
  SUBMIT_NEW_PASSWORD: { type: "SUBMIT_NEW_PASSWORD", password: "Brand-new-pass-1" },
  SUBMIT_MFA_CODE: { type: "SUBMIT_MFA_CODE", code: "123456" },
  FORGOT_PASSWORD: { type: "FORGOT_PASSWORD" },
  REQUEST_RESET_CODE: { type: "REQUEST_RESET_CODE", email: EMAIL },
  RESET_CODE_SENT: { type: "RESET_CODE_SENT", destination: "a***@e***" },
  SUBMIT_RESET: { type: "SUBMIT_RESET", code: "654321", password: "Brand-new-pass-1" },
  PASSWORD_RESET: { type: "PASSWORD_RESET" },
  RESET_FAILED: { type: "RESET_FAILED", problem: problem("code-mismatch") },
  BACK_TO_SIGN_IN: { type: "BACK_TO_SIGN_IN" },
  REFRESH_DUE: { type: "REFRESH_DUE" },
  REFRESHED: { type: "REFRESHED", tokens: renewed },
  REFRESH_FAILED: { type: "REFRESH_FAILED", problem: problem("session-ended"), at: NOW },
  TOKEN_REJECTED: { type: "TOKEN_REJECTED", accessToken: tokens.accessToken },
  SIGN_OUT: { type: "SIGN_OUT" },
  GRANTS_ENDED: { type: "GRANTS_ENDED" },
  SIGNED_OUT_ELSEWHERE: { type: "SIGNED_OUT_ELSEWHERE", sub: tokens.user.sub },
} satisfies { [T in SessionEvent["type"]]: Extract<SessionEvent, { type: T }> };
type EventType = keyof typeof EVENTS;

/** Every transition: from, on, to, and the effects it asks for, in order. Nothing else moves. */
const TRANSITIONS: readonly TransitionRow<StateLabel, EventType, SessionState["name"]>[] = [
  ["restoring", "RESTORED", "signed-in", ["scheduleRefresh"]],
  ["restoring", "NOTHING_RESTORED", "signed-out", []],
  ["signed-out", "SUBMIT_PASSWORD", "signing-in", ["signIn"]],
  ["signed-out", "FORGOT_PASSWORD", "forgot-password", []],
  ["signing-in", "SIGNED_IN", "signed-in", ["scheduleRefresh"]],
  ["signing-in", "NEW_PASSWORD_REQUIRED", "new-password-required", []],
  ["signing-in", "MFA_REQUIRED", "mfa-required", []],
  ["signing-in", "SIGN_IN_FAILED", "signed-out", []],
  ["new-password-required", "SUBMIT_NEW_PASSWORD", "setting-new-password", ["completeNewPassword"]],
  ["new-password-required", "BACK_TO_SIGN_IN", "signed-out", []],
  ["setting-new-password", "SIGNED_IN", "signed-in", ["scheduleRefresh"]],
  ["setting-new-password", "MFA_REQUIRED", "mfa-required", []],
  ["setting-new-password", "SIGN_IN_FAILED", "new-password-required", []],
  ["mfa-required", "SUBMIT_MFA_CODE", "verifying-mfa", ["sendMfaCode"]],
  ["mfa-required", "BACK_TO_SIGN_IN", "signed-out", []],
  ["verifying-mfa", "SIGNED_IN", "signed-in", ["scheduleRefresh"]],
  ["verifying-mfa", "SIGN_IN_FAILED", "mfa-required", []],
  ["forgot-password", "REQUEST_RESET_CODE", "requesting-reset-code", ["requestResetCode"]],
  ["forgot-password", "BACK_TO_SIGN_IN", "signed-out", []],
  ["requesting-reset-code", "RESET_CODE_SENT", "reset-code-sent", []],
  ["requesting-reset-code", "RESET_FAILED", "forgot-password", []],
  ["reset-code-sent", "SUBMIT_RESET", "resetting-password", ["confirmReset"]],
  ["reset-code-sent", "FORGOT_PASSWORD", "forgot-password", []],
  ["reset-code-sent", "BACK_TO_SIGN_IN", "signed-out", []],
  ["resetting-password", "PASSWORD_RESET", "signed-out", []],
  ["resetting-password", "RESET_FAILED", "reset-code-sent", []],
  ["signed-in", "REFRESH_DUE", "refreshing", ["refresh"]],
  ["signed-in", "TOKEN_REJECTED", "signed-out", ["cancelRefresh", "forgetSession"]],
  ["signed-in", "SIGN_OUT", "signing-out", ["cancelRefresh", "endGrants"]],
  ["refreshing", "REFRESHED", "signed-in", ["scheduleRefresh"]],
  ["refreshing", "REFRESH_FAILED", "signed-out", ["cancelRefresh", "forgetSession"]],
  ["refreshing", "TOKEN_REJECTED", "signed-out", ["cancelRefresh", "forgetSession"]],
  ["refreshing", "SIGN_OUT", "signing-out", ["cancelRefresh", "endGrants"]],
  ["signed-in", "SIGNED_OUT_ELSEWHERE", "signed-out", ["cancelRefresh", "forgetSession"]],
  ["refreshing", "SIGNED_OUT_ELSEWHERE", "signed-out", ["cancelRefresh", "forgetSession"]],
  ["signing-out", "GRANTS_ENDED", "signed-out", ["signOut", "announceSignOut"]],
];

const effectTypes = (step: SessionStep) => step.effects.map((effect) => effect.type);

describe("the session state machine", () => {
  itFollowsItsTransitionTable({ states: STATES, events: EVENTS, transitions: TRANSITIONS, transition, accepts });

  it("starts by looking for the session this browser kept", () => {
    expect(SESSION_START.state).toEqual({ name: "restoring" });
    expect(effectTypes(SESSION_START)).toEqual(["restore"]);
  });

  it("keeps the password in the effect that sends it, never in the state the page shows", () => {
    const step = transition(STATES["signed-out"], EVENTS.SUBMIT_PASSWORD);
    expect(step.state).toEqual({ name: "signing-in", email: EMAIL });
    expect(step.effects).toEqual([{ type: "signIn", email: EMAIL, password: "Correct-horse-9" }]);
    expect(transition(STATES["reset-code-sent"], EVENTS.SUBMIT_RESET).effects).toEqual([
      { type: "confirmReset", email: EMAIL, code: "654321", password: "Brand-new-pass-1" },
    ]);
  });

  it("schedules the quiet refresh a margin before the access token expires, each time it has new tokens", () => {
    for (const [from, event] of [
      [STATES.restoring, EVENTS.RESTORED],
      [STATES["signing-in"], EVENTS.SIGNED_IN],
      [STATES.refreshing, EVENTS.REFRESHED],
    ] as const) {
      const step = transition(from, event);
      expect(step.effects).toEqual([{ type: "scheduleRefresh", at: event.tokens.expiresAt - REFRESH_MARGIN_MS }]);
      expect(step.state).toEqual({ name: "signed-in", tokens: event.tokens });
    }
  });

  it("keeps the session when a refresh fails for a passing reason, and tries again soon", () => {
    for (const kind of ["unreachable", "too-many-attempts"] as const) {
      const step = transition(STATES.refreshing, { type: "REFRESH_FAILED", problem: problem(kind), at: NOW });
      expect(step.state).toEqual({ name: "signed-in", tokens });
      expect(step.effects).toEqual([{ type: "scheduleRefresh", at: NOW + REFRESH_RETRY_MS }]);
    }
  });

  it("ends the session, saying why, when the refresh is refused or the API refuses the token", () => {
    const ended = { name: "signed-out", email: EMAIL, notice: "session-ended" };
    expect(transition(STATES.refreshing, EVENTS.REFRESH_FAILED).state).toEqual(ended);
    expect(transition(STATES["signed-in"], EVENTS.TOKEN_REJECTED).state).toEqual(ended);
  });

  it("ignores a 401 to a token the session no longer uses", () => {
    const stale = { type: "TOKEN_REJECTED", accessToken: "access-0" } as const;
    expect(accepts(STATES["signed-in"], stale)).toBe(false);
    expect(accepts(STATES.refreshing, stale)).toBe(false);
  });

  it("keeps the tokens while sign-out takes back the grants, then says 'signed out', keeping the e-mail for the next sign-in", () => {
    const signingOut = transition(STATES["signed-in"], EVENTS.SIGN_OUT).state;
    expect(signingOut).toEqual({ name: "signing-out", tokens });
    expect(transition(signingOut, EVENTS.GRANTS_ENDED).state).toEqual({ name: "signed-out", email: EMAIL, notice: "signed-out" });
  });

  it("tells the other tabs who signed out, and ends there only that person's session, with no call of its own", () => {
    const signingOut = transition(STATES["signed-in"], EVENTS.SIGN_OUT).state;
    expect(transition(signingOut, EVENTS.GRANTS_ENDED).effects).toEqual([{ type: "signOut" }, { type: "announceSignOut", sub: "sub-ada" }]);
    const ended = transition(STATES["signed-in"], EVENTS.SIGNED_OUT_ELSEWHERE);
    expect(ended.state).toEqual({ name: "signed-out", email: EMAIL, notice: "signed-out" });
    // Neither the grants nor the revocation again: the tab that signed out did both.
    expect(effectTypes(ended)).not.toContain("endGrants");
    expect(effectTypes(ended)).not.toContain("signOut");
    // Someone else signed in in this tab meanwhile: their session stays.
    expect(accepts(STATES["signed-in"], { type: "SIGNED_OUT_ELSEWHERE", sub: "sub-grace" })).toBe(false);
    expect(accepts(STATES.refreshing, { type: "SIGNED_OUT_ELSEWHERE", sub: "sub-grace" })).toBe(false);
  });

  it("restores quietly: nothing kept is no notice, an ended session is said, any other problem is shown", () => {
    expect(transition(STATES.restoring, EVENTS.NOTHING_RESTORED).state).toEqual({ name: "signed-out" });
    expect(transition(STATES.restoring, { type: "NOTHING_RESTORED", problem: problem("session-ended") }).state).toEqual({
      name: "signed-out",
      notice: "session-ended",
    });
    const offline = problem("unreachable");
    expect(transition(STATES.restoring, { type: "NOTHING_RESTORED", problem: offline }).state).toEqual({ name: "signed-out", error: offline });
  });

  it("shows a failed step's problem on the form that can try again", () => {
    const wrong = EVENTS.SIGN_IN_FAILED.problem;
    expect(transition(STATES["signing-in"], EVENTS.SIGN_IN_FAILED).state).toEqual({ name: "signed-out", email: EMAIL, error: wrong });
    expect(transition(STATES["verifying-mfa"], { type: "SIGN_IN_FAILED", problem: problem("code-mismatch") }).state).toEqual({
      name: "mfa-required",
      email: EMAIL,
      error: problem("code-mismatch"),
    });
    expect(transition(STATES["resetting-password"], EVENTS.RESET_FAILED).state).toMatchObject({ name: "reset-code-sent", error: EVENTS.RESET_FAILED.problem });
  });

  it("starts over when a challenge was answered too late", () => {
    const late = problem("challenge-expired");
    for (const from of [STATES["setting-new-password"], STATES["verifying-mfa"]]) {
      expect(transition(from, { type: "SIGN_IN_FAILED", problem: late }).state).toEqual({ name: "signed-out", email: EMAIL, error: late });
    }
  });

  it("asks for the code Cognito sent when an admin required a new password", () => {
    const reset = problem("password-reset-required");
    expect(transition(STATES["signing-in"], { type: "SIGN_IN_FAILED", problem: reset }).state).toEqual({
      name: "reset-code-sent",
      email: EMAIL,
      error: reset,
    });
  });

  it("signs in after a password reset with a notice, e-mail kept", () => {
    expect(transition(STATES["resetting-password"], EVENTS.PASSWORD_RESET).state).toEqual({ name: "signed-out", email: EMAIL, notice: "password-reset" });
  });

  it("counts signed-in and refreshing, and nothing else, as signed in; signing out still holds the tokens", () => {
    const labels = (test: (state: SessionState) => boolean) =>
      Object.entries(STATES)
        .filter(([, state]) => test(state))
        .map(([label]) => label);
    expect(labels(isSignedIn)).toEqual(["signed-in", "refreshing"]);
    expect(labels(holdsTokens)).toEqual(["signed-in", "refreshing", "signing-out"]);
  });
});
