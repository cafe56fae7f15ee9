import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { IdentityProvider } from "../src/auth/identity-provider.js";
import type { OtherTabs } from "../src/auth/other-tabs.js";
import { END_GRANTS_TIMEOUT_MS, SessionController, type SessionControllerOptions } from "../src/auth/session-controller.js";
import { REFRESH_MARGIN_MS, REFRESH_RETRY_MS } from "../src/auth/session-machine.js";
import { ADA, FakeIdentity, GRACE } from "./fake-identity.js";

const NOW = Date.parse("2030-01-01T12:00:00.000Z");
const HOUR = 3_600_000;

let identity: FakeIdentity;
let session: SessionController;

function controller(provider: () => Promise<IdentityProvider> = async () => identity, options: Omit<SessionControllerOptions, "provider"> = {}) {
  session = new SessionController({ provider, ...options });
  return session;
}

/** Tabs of one browser, in memory: what one announces, the others hear (the sender does not). */
class TabHub {
  readonly #listeners = new Set<{ tab: number; listener: (sub: string) => void }>();
  #tabs = 0;
  get listening(): number {
    return this.#listeners.size;
  }
  tab(): OtherTabs {
    const tab = ++this.#tabs;
    return {
      announceSignOut: (sub) => {
        for (const entry of [...this.#listeners]) if (entry.tab !== tab) entry.listener(sub);
      },
      onSignOut: (listener) => {
        const entry = { tab, listener };
        this.#listeners.add(entry);
        return () => this.#listeners.delete(entry);
      },
    };
  }
}

/** Lets the answers in flight land (promises only: the fake clock stays still). */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  identity = new FakeIdentity({ [ADA.user.email ?? ""]: { ...ADA }, [GRACE.user.email ?? ""]: { ...GRACE } });
});

afterEach(() => {
  session.stop();
  vi.useRealTimers();
});

async function signInAsAda(): Promise<void> {
  await session.start();
  await session.dispatch({ type: "SUBMIT_PASSWORD", email: "ada@example.com", password: ADA.password });
}

describe("SessionController", () => {
  it("restores the session this browser kept, then refreshes it quietly a margin before it expires", async () => {
    identity.kept = { accessToken: "kept", expiresAt: NOW + HOUR, user: ADA.user };
    await controller().start();
    expect(session.state).toMatchObject({ name: "signed-in", tokens: { accessToken: "kept" } });
    await expect(session.accessToken()).resolves.toBe("kept");

    await vi.advanceTimersByTimeAsync(HOUR - REFRESH_MARGIN_MS - 1);
    expect(identity.calls).not.toContain("refresh");
    await vi.advanceTimersByTimeAsync(1);
    expect(identity.calls).toContain("refresh");
    const fresh = await session.accessToken();
    expect(fresh).toMatch(/^access-sub-ada-/);
    expect(session.state).toMatchObject({ name: "signed-in", tokens: { expiresAt: NOW + 2 * HOUR - REFRESH_MARGIN_MS } });
  });

  it("is signed out, with no token to give, when nothing was kept", async () => {
    await controller().start();
    expect(session.state).toEqual({ name: "signed-out" });
    await expect(session.accessToken()).resolves.toBeUndefined();
  });

  it("signs an invited person in through the new-password challenge", async () => {
    identity.accounts.set("new@example.com", { password: "Temporary-pass-1", user: { sub: "sub-new", isAdmin: false }, mustChangePassword: true });
    await controller().start();
    await session.dispatch({ type: "SUBMIT_PASSWORD", email: "new@example.com", password: "Temporary-pass-1" });
    expect(session.state).toEqual({ name: "new-password-required", email: "new@example.com" });
    await session.dispatch({ type: "SUBMIT_NEW_PASSWORD", password: "short" });
    expect(session.state).toMatchObject({ name: "new-password-required", error: { kind: "weak-password" } });
    await session.dispatch({ type: "SUBMIT_NEW_PASSWORD", password: "My-own-password-1" });
    expect(session.state).toMatchObject({ name: "signed-in", tokens: { user: { sub: "sub-new" } } });
    expect(identity.accounts.get("new@example.com")?.password).toBe("My-own-password-1");
  });

  it("asks a person with MFA for their code, and again after a wrong one", async () => {
    await controller().start();
    await session.dispatch({ type: "SUBMIT_PASSWORD", email: "grace@example.com", password: GRACE.password });
    expect(session.state.name).toBe("mfa-required");
    await session.dispatch({ type: "SUBMIT_MFA_CODE", code: "000000" });
    expect(session.state).toMatchObject({ name: "mfa-required", error: { kind: "code-mismatch" } });
    await session.dispatch({ type: "SUBMIT_MFA_CODE", code: "123456" });
    expect(session.state).toMatchObject({ name: "signed-in", tokens: { user: { isAdmin: true } } });
  });

  it("shows a wrong password on the sign-in form, e-mail kept", async () => {
    await controller().start();
    await session.dispatch({ type: "SUBMIT_PASSWORD", email: "ada@example.com", password: "wrong-password" });
    expect(session.state).toMatchObject({ name: "signed-out", email: "ada@example.com", error: { kind: "wrong-credentials" } });
  });

  it("resets a forgotten password with the code sent by e-mail", async () => {
    await controller().start();
    await session.dispatch({ type: "FORGOT_PASSWORD" });
    await session.dispatch({ type: "REQUEST_RESET_CODE", email: "ada@example.com" });
    expect(session.state).toEqual({ name: "reset-code-sent", email: "ada@example.com", destination: "a***@e***" });
    await session.dispatch({ type: "SUBMIT_RESET", code: "111111", password: "New-password-2024" });
    expect(session.state).toMatchObject({ name: "reset-code-sent", error: { kind: "code-mismatch" } });
    await session.dispatch({ type: "SUBMIT_RESET", code: "246810", password: "New-password-2024" });
    expect(session.state).toEqual({ name: "signed-out", email: "ada@example.com", notice: "password-reset" });
    await session.dispatch({ type: "SUBMIT_PASSWORD", email: "ada@example.com", password: "New-password-2024" });
    expect(session.state.name).toBe("signed-in");
  });

  it("makes API calls wait for a refresh in flight, and renews a token the sleeping timer let go stale", async () => {
    controller();
    await signInAsAda();
    const first = await session.accessToken();
    // The laptop slept past the refresh time: the timer has not fired, the token is about to expire.
    vi.setSystemTime(NOW + HOUR - 10_000);
    const waiting = session.accessToken();
    expect(session.state.name).toBe("refreshing");
    const token = await waiting;
    expect(token).not.toBe(first);
    expect(identity.calls.filter((call) => call === "refresh")).toHaveLength(1);
  });

  it("ends the session when the API refuses its token, and forgets it; a refused old token changes nothing", async () => {
    controller();
    await signInAsAda();
    const token = (await session.accessToken()) ?? "";
    session.tokenRejected("an-older-token");
    await settle();
    expect(session.state.name).toBe("signed-in");
    session.tokenRejected(token);
    await settle();
    expect(session.state).toEqual({ name: "signed-out", email: "ada@example.com", notice: "session-ended" });
    expect(identity.calls).toContain("forget");
    await expect(session.accessToken()).resolves.toBeUndefined();
  });

  it("keeps the session through a refresh that failed for a passing reason, trying again later", async () => {
    controller();
    await signInAsAda();
    identity.refreshProblem = { kind: "unreachable", message: "offline" };
    await vi.advanceTimersByTimeAsync(HOUR - REFRESH_MARGIN_MS);
    expect(session.state.name).toBe("signed-in");
    identity.refreshProblem = undefined;
    await vi.advanceTimersByTimeAsync(REFRESH_RETRY_MS);
    expect(identity.calls.filter((call) => call === "refresh")).toHaveLength(2);
    expect(session.state).toMatchObject({ name: "signed-in", tokens: { expiresAt: NOW + HOUR - REFRESH_MARGIN_MS + REFRESH_RETRY_MS + HOUR } });
  });

  it("ends the session when the refresh token is refused", async () => {
    controller();
    await signInAsAda();
    identity.refreshProblem = { kind: "session-ended", message: "Refresh Token has been revoked" };
    await vi.advanceTimersByTimeAsync(HOUR - REFRESH_MARGIN_MS);
    expect(session.state).toMatchObject({ name: "signed-out", notice: "session-ended" });
  });

  it("signs out: the service is told, and no refresh happens afterwards", async () => {
    controller();
    await signInAsAda();
    await session.dispatch({ type: "SIGN_OUT" });
    expect(session.state).toEqual({ name: "signed-out", email: "ada@example.com", notice: "signed-out" });
    expect(identity.calls).toContain("signOut");
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(identity.calls).not.toContain("refresh");
  });

  it("signs the same person out of the browser's other tabs, which then forget their tokens; another person's tab stays", async () => {
    const hub = new TabHub();
    const tabs = [0, 1, 2].map(() => new SessionController({ provider: async () => identity, otherTabs: hub.tab() }));
    session = tabs[0]!;
    const [here, alsoAda, lin] = tabs as [SessionController, SessionController, SessionController];
    identity.accounts.set("lin@example.com", { password: "Lin-password-12", user: { sub: "sub-lin", email: "lin@example.com", isAdmin: false } });
    try {
      for (const tab of tabs) await tab.start();
      await here.dispatch({ type: "SUBMIT_PASSWORD", email: "ada@example.com", password: ADA.password });
      await alsoAda.dispatch({ type: "SUBMIT_PASSWORD", email: "ada@example.com", password: ADA.password });
      await lin.dispatch({ type: "SUBMIT_PASSWORD", email: "lin@example.com", password: "Lin-password-12" });

      await here.dispatch({ type: "SIGN_OUT" });
      await settle();
      expect(alsoAda.state).toEqual({ name: "signed-out", email: "ada@example.com", notice: "signed-out" });
      await expect(alsoAda.accessToken()).resolves.toBeUndefined();
      expect(lin.state).toMatchObject({ name: "signed-in", tokens: { user: { sub: "sub-lin" } } });
      expect(identity.calls.filter((call) => call === "signOut")).toHaveLength(1);
      expect(identity.calls).toContain("forget");
      // The tab that heard it arms no refresh of the ended session.
      const refreshes = identity.calls.filter((call) => call === "refresh").length;
      await lin.dispatch({ type: "SIGN_OUT" });
      await vi.advanceTimersByTimeAsync(2 * HOUR);
      expect(identity.calls.filter((call) => call === "refresh")).toHaveLength(refreshes);
    } finally {
      for (const tab of tabs) tab.stop();
    }
    expect(hub.listening).toBe(0);
  });

  it("takes back the session's grants before signing out, their calls still given the token", async () => {
    const seen: { token: string | undefined; state: string; told: boolean }[] = [];
    controller(undefined, {
      endGrants: async () => {
        seen.push({ token: await session.accessToken(), state: session.state.name, told: identity.calls.includes("signOut") });
      },
    });
    await signInAsAda();
    const token = await session.accessToken();
    await session.dispatch({ type: "SIGN_OUT" });
    expect(seen).toEqual([{ token, state: "signing-out", told: false }]);
    expect(session.state).toEqual({ name: "signed-out", email: "ada@example.com", notice: "signed-out" });
    expect(identity.calls).toContain("signOut");
    await expect(session.accessToken()).resolves.toBeUndefined();
  });

  it("signs out anyway when taking back the grants fails or hangs, aborting their calls after a bounded wait", async () => {
    let signal: AbortSignal | undefined;
    controller(undefined, {
      endGrants: (given) => {
        signal = given;
        return new Promise<void>(() => undefined);
      },
    });
    await signInAsAda();
    const signingOut = session.dispatch({ type: "SIGN_OUT" });
    await vi.advanceTimersByTimeAsync(END_GRANTS_TIMEOUT_MS - 1);
    expect([session.state.name, signal?.aborted, identity.calls.includes("signOut")]).toEqual(["signing-out", false, false]);
    await vi.advanceTimersByTimeAsync(1);
    await signingOut;
    expect([session.state.name, signal?.aborted, identity.calls.includes("signOut")]).toEqual(["signed-out", true, true]);

    controller(undefined, { endGrants: () => Promise.reject(new Error("offline")) });
    await signInAsAda();
    await session.dispatch({ type: "SIGN_OUT" });
    expect(session.state).toMatchObject({ name: "signed-out", notice: "signed-out" });
  });

  it("says the sign-in service is unreachable when its code cannot load, and loads it again on the next try", async () => {
    let loads = 0;
    controller(async () => {
      if (++loads === 1) throw new TypeError("Failed to fetch dynamically imported module");
      return identity;
    });
    await session.start();
    expect(session.state).toMatchObject({ name: "signed-out", error: { kind: "unreachable" } });
    await session.dispatch({ type: "SUBMIT_PASSWORD", email: "ada@example.com", password: ADA.password });
    expect(session.state.name).toBe("signed-in");
    expect(loads).toBe(2);
  });

  it("announces every state to its subscribers, in order", async () => {
    const seen: string[] = [];
    controller().subscribe((state) => seen.push(state.name));
    await signInAsAda();
    expect(seen).toEqual(["restoring", "signed-out", "signing-in", "signed-in"]);
  });
});
