import type { AccessTokenSource } from "../api/authorized-fetch.js";
import { Listeners } from "../store/listeners.js";
import { problemOf, type AuthProblem, type IdentityProvider, type SignInOutcome } from "./identity-provider.js";
import type { OtherTabs } from "./other-tabs.js";
import {
  SESSION_START,
  holdsTokens,
  transition,
  type SessionEffect,
  type SessionEvent,
  type SessionState,
  type SessionStep,
} from "./session-machine.js";

export interface SessionControllerOptions {
  /** The sign-in service, loaded when first needed (the Cognito library is a lazy chunk). */
  readonly provider: () => Promise<IdentityProvider>;
  /**
   * At sign-out, before the tokens are forgotten: takes back what the session was granted that
   * outlives it in the browser (the playback cookies). Its calls still carry the token; after
   * `endGrantsTimeoutMs` the signal aborts them and sign-out goes on regardless.
   */
  readonly endGrants?: (signal: AbortSignal) => Promise<void>;
  readonly endGrantsTimeoutMs?: number;
  /** This browser's other tabs of the app: a sign-out in one ends the same user's session in all. */
  readonly otherTabs?: OtherTabs;
  readonly now?: () => number;
}

/** How long sign-out waits for its calls that take back the session's grants: best effort, never a hang. */
export const END_GRANTS_TIMEOUT_MS = 3_000;

/** A token this close to expiry is renewed before a call goes out with it (the timer may have slept). */
const SEND_MARGIN_MS = 30_000;

/**
 * Runs the session state machine (`session-machine.ts`): feeds it the person's submissions and
 * the sign-in service's answers, runs the effects it returns, and keeps the one refresh timer.
 * It is also where API calls get their token (`AccessTokenSource`).
 */
export class SessionController implements AccessTokenSource {
  #state: SessionState = SESSION_START.state;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #provider: Promise<IdentityProvider> | undefined;
  #started = false;
  #stopHearingOtherTabs: (() => void) | undefined;
  readonly #listeners = new Listeners<SessionState>();
  readonly #waiting = new Set<() => void>();
  readonly #options: SessionControllerOptions;
  readonly #now: () => number;

  constructor(options: SessionControllerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get state(): SessionState {
    return this.#state;
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    return this.#listeners.add(listener);
  }

  /** Looks for the session this browser kept; resolves once it is known whether someone is signed in. */
  start(): Promise<void> {
    if (this.#started) return Promise.resolve();
    this.#started = true;
    this.#stopHearingOtherTabs = this.#options.otherTabs?.onSignOut((sub) => void this.dispatch({ type: "SIGNED_OUT_ELSEWHERE", sub }));
    return this.#apply(SESSION_START);
  }

  stop(): void {
    this.#stopHearingOtherTabs?.();
    this.#stopHearingOtherTabs = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#listeners.clear();
  }

  /** Feeds an event (a form submitted, a button pressed); resolves when its effects have settled. */
  dispatch(event: SessionEvent): Promise<void> {
    return this.#apply(transition(this.#state, event));
  }

  async accessToken(): Promise<string | undefined> {
    if (this.#state.name === "signed-in" && this.#state.tokens.expiresAt - SEND_MARGIN_MS <= this.#now()) {
      void this.dispatch({ type: "REFRESH_DUE" });
    }
    // Restoring or refreshing: the answer is on its way.
    while (this.#state.name === "refreshing" || this.#state.name === "restoring") {
      await new Promise<void>((resolve) => this.#waiting.add(resolve));
    }
    return holdsTokens(this.#state) ? this.#state.tokens.accessToken : undefined;
  }

  tokenRejected(accessToken: string): void {
    void this.dispatch({ type: "TOKEN_REJECTED", accessToken });
  }

  async #apply(step: SessionStep): Promise<void> {
    if (step.state === this.#state && step.effects.length === 0) return;
    this.#state = step.state;
    this.#listeners.emit(step.state);
    for (const resolve of [...this.#waiting]) resolve();
    this.#waiting.clear();
    await Promise.allSettled(step.effects.map((effect) => this.#run(effect)));
  }

  async #run(effect: SessionEffect): Promise<void> {
    switch (effect.type) {
      case "restore":
        return this.#call(
          (provider) => provider.restore(),
          (tokens) => (tokens === undefined ? { type: "NOTHING_RESTORED" } : { type: "RESTORED", tokens }),
          (problem) => ({ type: "NOTHING_RESTORED", problem }),
        );
      case "signIn":
        return this.#signInStep((provider) => provider.signIn(effect.email, effect.password));
      case "completeNewPassword":
        return this.#signInStep((provider) => provider.completeNewPassword(effect.password));
      case "sendMfaCode":
        return this.#signInStep((provider) => provider.sendMfaCode(effect.code));
      case "requestResetCode":
        return this.#call(
          (provider) => provider.requestPasswordReset(effect.email),
          (sent) => ({ type: "RESET_CODE_SENT", destination: sent.destination }),
          (problem) => ({ type: "RESET_FAILED", problem }),
        );
      case "confirmReset":
        return this.#call(
          (provider) => provider.confirmPasswordReset(effect.email, effect.code, effect.password),
          () => ({ type: "PASSWORD_RESET" }),
          (problem) => ({ type: "RESET_FAILED", problem }),
        );
      case "refresh":
        return this.#call(
          (provider) => provider.refresh(),
          (tokens) => ({ type: "REFRESHED", tokens }),
          (problem) => ({ type: "REFRESH_FAILED", problem, at: this.#now() }),
        );
      case "scheduleRefresh":
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          void this.dispatch({ type: "REFRESH_DUE" });
        }, Math.max(0, effect.at - this.#now()));
        return;
      case "cancelRefresh":
        clearTimeout(this.#timer);
        this.#timer = undefined;
        return;
      case "endGrants":
        await this.#endGrants();
        return this.dispatch({ type: "GRANTS_ENDED" });
      case "signOut":
        // Best effort past this point: the page is already signed out.
        return this.#loadProvider().then((provider) => provider.signOut()).catch(() => undefined);
      case "announceSignOut":
        this.#options.otherTabs?.announceSignOut(effect.sub);
        return;
      case "forgetSession":
        return this.#loadProvider().then((provider) => provider.forget()).catch(() => undefined);
    }
  }

  /** Runs `endGrants` until it settles or its time is up (then its calls are aborted); never throws. */
  async #endGrants(): Promise<void> {
    const { endGrants } = this.#options;
    if (endGrants === undefined) return;
    const controller = new AbortController();
    const timeUp = new Promise<void>((resolve) => controller.signal.addEventListener("abort", () => resolve(), { once: true }));
    const timer = setTimeout(() => controller.abort(), this.#options.endGrantsTimeoutMs ?? END_GRANTS_TIMEOUT_MS);
    try {
      await Promise.race([endGrants(controller.signal).catch(() => undefined), timeUp]);
    } catch {
      // Best effort: sign-out goes on whatever happened.
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  #signInStep(call: (provider: IdentityProvider) => Promise<SignInOutcome>): Promise<void> {
    return this.#call(
      call,
      (outcome): SessionEvent => {
        if (outcome.kind === "signed-in") return { type: "SIGNED_IN", tokens: outcome.tokens };
        return outcome.kind === "new-password-required" ? { type: "NEW_PASSWORD_REQUIRED" } : { type: "MFA_REQUIRED" };
      },
      (problem) => ({ type: "SIGN_IN_FAILED", problem }),
    );
  }

  /** Runs one call to the sign-in service and feeds its answer, or its problem, back as an event. */
  async #call<T>(
    call: (provider: IdentityProvider) => Promise<T>,
    answered: (value: T) => SessionEvent,
    failed: (problem: AuthProblem) => SessionEvent,
  ): Promise<void> {
    let provider: IdentityProvider;
    try {
      provider = await this.#loadProvider();
    } catch {
      // Offline at first use: the next attempt loads it again.
      this.#provider = undefined;
      await this.dispatch(failed({ kind: "unreachable", message: "Could not load the sign-in service. Check the connection, then try again." }));
      return;
    }
    let event: SessionEvent;
    try {
      event = answered(await call(provider));
    } catch (error) {
      event = failed(problemOf(error));
    }
    await this.dispatch(event);
  }

  #loadProvider(): Promise<IdentityProvider> {
    this.#provider ??= this.#options.provider();
    return this.#provider;
  }
}
