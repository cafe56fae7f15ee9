import { afterEach, describe, expect, it } from "vitest";
import type { SignedInUser } from "../src/auth/identity-provider.js";
import { SessionController } from "../src/auth/session-controller.js";
import { AccountServices } from "../src/ui/account-services.js";
import type { AppServices } from "../src/ui/app-services.js";
import { ADA, FakeIdentity, GRACE } from "./fake-identity.js";

interface Made {
  readonly user: SignedInUser;
  readonly log: string[];
  readonly services: AppServices;
}

function world() {
  const identity = new FakeIdentity({ "ada@example.com": { ...ADA }, "bob@example.com": { ...GRACE, mfaCode: undefined, user: { sub: "sub-bob", isAdmin: false } } });
  const session = new SessionController({ provider: async () => identity });
  const made: Made[] = [];
  const accounts = new AccountServices((user) => {
    const log: string[] = [];
    const services = { uploader: { signedInAgain: () => log.push("signedInAgain") }, destroy: () => log.push("destroy") };
    made.push({ user, log, services: services as unknown as AppServices });
    return services as unknown as AppServices;
  });
  accounts.follow(session);
  const signIn = (email: string, password: string) => session.dispatch({ type: "SUBMIT_PASSWORD", email, password });
  return { identity, session, accounts, made, signIn };
}

let current: ReturnType<typeof world> | undefined;
afterEach(() => current?.session.stop());

describe("AccountServices", () => {
  it("makes the services of whoever signs in, and drops them when they sign out", async () => {
    const { session, accounts, made, signIn } = (current = world());
    await session.start();
    expect(accounts.current).toBeUndefined();
    await signIn("ada@example.com", ADA.password);
    expect(made.map((entry) => entry.user.sub)).toEqual(["sub-ada"]);
    expect(accounts.current).toBe(made[0]?.services);
    await session.dispatch({ type: "SIGN_OUT" });
    expect(made[0]?.log).toEqual(["destroy"]);
    expect(accounts.current).toBeUndefined();
  });

  it("keeps them through a session that ended on its own, and lets their uploads go on when the same person is back", async () => {
    const { session, accounts, made, signIn } = (current = world());
    await session.start();
    await signIn("ada@example.com", ADA.password);
    session.tokenRejected((await session.accessToken()) ?? "");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(session.state).toMatchObject({ name: "signed-out", notice: "session-ended" });
    expect(accounts.current).toBe(made[0]?.services);

    await signIn("ada@example.com", "a typo");
    expect(accounts.current).toBe(made[0]?.services);
    await signIn("ada@example.com", ADA.password);
    expect(made).toHaveLength(1);
    expect(made[0]?.log).toEqual(["signedInAgain"]);
    // A quiet refresh later is not a new sign-in.
    await session.dispatch({ type: "REFRESH_DUE" });
    expect(made[0]?.log).toEqual(["signedInAgain"]);
  });

  it("never hands one person's uploads to the next: someone else signing in gets new services", async () => {
    const { session, accounts, made, signIn } = (current = world());
    await session.start();
    await signIn("ada@example.com", ADA.password);
    session.tokenRejected((await session.accessToken()) ?? "");
    await new Promise((resolve) => setTimeout(resolve, 0));
    await signIn("bob@example.com", GRACE.password);
    expect(made.map((entry) => entry.user.sub)).toEqual(["sub-ada", "sub-bob"]);
    expect(made[0]?.log).toEqual(["destroy"]);
    expect(accounts.current).toBe(made[1]?.services);
  });
});
