import type { WebAuthConfig } from "@video-platform/shared-types";
import type { ICognitoStorage } from "amazon-cognito-identity-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCognitoIdentity } from "../src/auth/cognito-identity.js";
import type { IdentityProvider, SignInOutcome } from "../src/auth/identity-provider.js";
import { FakeCognito } from "./fake-cognito.js";

/** The browser's localStorage, as the library uses it. */
class Storage implements ICognitoStorage {
  readonly items = new Map<string, string>();
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

const ADA_PASSWORD = "Ada-lovelace-1815";
let cognito: FakeCognito;
let storage: Storage;
let auth: WebAuthConfig;

beforeEach(async () => {
  cognito = new FakeCognito("web-client");
  cognito.users.set("ada@example.com", { sub: "sub-ada", email: "ada@example.com", password: ADA_PASSWORD });
  cognito.users.set("root@example.com", { sub: "sub-root", email: "root@example.com", password: "x", groups: ["admin"], totpCode: "424242" });
  cognito.users.set("new@example.com", { sub: "sub-new", email: "new@example.com", password: "Temporary-1", mustChangePassword: true });
  await cognito.start();
  storage = new Storage();
  auth = { region: "eu-west-1", userPoolId: "eu-west-1_AbC123", userPoolClientId: "web-client", endpoint: cognito.endpoint };
});

afterEach(() => cognito.stop());

/** A page load: a new provider over the same browser storage. */
const visit = (): IdentityProvider => createCognitoIdentity(auth, storage);
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: { problem?: unknown }) => error.problem);
const signedIn = (outcome: SignInOutcome) => (outcome.kind === "signed-in" ? outcome.tokens : undefined);

describe("the Cognito identity provider (amazon-cognito-identity-js against a fake Cognito)", () => {
  it("signs in over SRP at the configured endpoint: the password never leaves the browser", async () => {
    const tokens = signedIn(await visit().signIn("ada@example.com", ADA_PASSWORD));
    expect(tokens?.user).toEqual({ sub: "sub-ada", email: "ada@example.com", isAdmin: false });
    expect(tokens?.expiresAt).toBeGreaterThan(Date.now() + 3590_000);
    expect(tokens?.expiresAt).toBeLessThanOrEqual(Date.now() + 3601_000);
    expect(cognito.operations).toEqual(["InitiateAuth", "RespondToAuthChallenge"]);
    expect(cognito.bodies.some((body) => body.includes(ADA_PASSWORD))).toBe(false);
  });

  it("reads the e-mail with GetUser when the ID token does not carry one, and keeps it across refreshes", async () => {
    cognito.emailInIdToken = false;
    const identity = visit();
    expect(signedIn(await identity.signIn("ada@example.com", ADA_PASSWORD))?.user.email).toBe("ada@example.com");
    expect(cognito.operations).toEqual(["InitiateAuth", "RespondToAuthChallenge", "GetUser"]);
    expect((await identity.refresh()).user.email).toBe("ada@example.com");
    expect((await visit().restore())?.user.email).toBe("ada@example.com");
  });

  it("says 'wrong e-mail or password' alike for a wrong password and an unknown e-mail", async () => {
    cognito.wrongPassword = true;
    expect(await failure(visit().signIn("ada@example.com", "nope"))).toMatchObject({ kind: "wrong-credentials", message: "Wrong e-mail or password." });
    expect(await failure(visit().signIn("nobody@example.com", "nope"))).toMatchObject({ kind: "wrong-credentials", message: "Wrong e-mail or password." });
  });

  it("takes an invited person through the new-password challenge", async () => {
    const identity = visit();
    expect(await identity.signIn("new@example.com", "Temporary-1")).toEqual({ kind: "new-password-required" });
    expect(await failure(identity.completeNewPassword("short"))).toMatchObject({ kind: "weak-password" });
    // The refused answer used up the challenge: Cognito wants a fresh sign-in.
    expect(await failure(identity.completeNewPassword("My-own-password-1"))).toMatchObject({ kind: "challenge-expired" });
    expect(await identity.signIn("new@example.com", "Temporary-1")).toEqual({ kind: "new-password-required" });
    expect(signedIn(await identity.completeNewPassword("My-own-password-1"))?.user.sub).toBe("sub-new");
    expect(cognito.users.get("new@example.com")?.password).toBe("My-own-password-1");
  });

  it("asks for the TOTP code of a person with MFA, and reads the admin group from the token", async () => {
    const identity = visit();
    expect(await identity.signIn("root@example.com", "x")).toEqual({ kind: "mfa-required" });
    expect(await failure(identity.sendMfaCode("000000"))).toMatchObject({ kind: "code-mismatch" });
    await identity.signIn("root@example.com", "x");
    expect(signedIn(await identity.sendMfaCode("424242"))?.user).toEqual({ sub: "sub-root", email: "root@example.com", isAdmin: true });
  });

  it("keeps the session across a reload, renewing it when its access token expired meanwhile", async () => {
    const first = signedIn(await visit().signIn("ada@example.com", ADA_PASSWORD));
    expect((await visit().restore())?.accessToken).toBe(first?.accessToken);

    cognito.accessTokenLifetimeSeconds = -60;
    const expired = signedIn(await visit().signIn("ada@example.com", ADA_PASSWORD));
    cognito.accessTokenLifetimeSeconds = 3600;
    cognito.operations.length = 0;
    const restored = await visit().restore();
    expect(cognito.operations).toEqual(["InitiateAuth"]);
    expect(restored?.accessToken).not.toBe(expired?.accessToken);
    expect(restored?.expiresAt).toBeGreaterThan(Date.now());
  });

  it("finds nothing to restore on a first visit", async () => {
    await expect(visit().restore()).resolves.toBeUndefined();
  });

  it("refreshes quietly with the refresh token", async () => {
    const identity = visit();
    const first = signedIn(await identity.signIn("ada@example.com", ADA_PASSWORD));
    const fresh = await identity.refresh();
    expect(fresh.accessToken).not.toBe(first?.accessToken);
    expect(fresh.user.sub).toBe("sub-ada");
  });

  it("signs out: the refresh token is revoked and the next visit finds no session", async () => {
    const identity = visit();
    await identity.signIn("ada@example.com", ADA_PASSWORD);
    await identity.signOut();
    expect(cognito.operations).toContain("RevokeToken");
    expect(cognito.revoked.size).toBe(1);
    await expect(visit().restore()).resolves.toBeUndefined();
    expect([...storage.items.keys()].filter((key) => key.endsWith("Token"))).toEqual([]);
  });

  // The library retries every failed refresh for about five seconds before it gives up.
  it("ends the session when the refresh token is refused", async () => {
    const identity = visit();
    await identity.signIn("ada@example.com", ADA_PASSWORD);
    for (const token of storage.items.values()) if (token.startsWith("refresh-")) cognito.revoked.add(token);
    expect(await failure(identity.refresh())).toMatchObject({ kind: "session-ended" });
  });

  it("resets a forgotten password with the e-mailed code", async () => {
    const identity = visit();
    await expect(identity.requestPasswordReset("ada@example.com")).resolves.toEqual({ destination: "a***@e***" });
    expect(await failure(identity.confirmPasswordReset("ada@example.com", "000000", "New-password-2030"))).toMatchObject({ kind: "code-mismatch" });
    await identity.confirmPasswordReset("ada@example.com", "135790", "New-password-2030");
    expect(cognito.users.get("ada@example.com")?.password).toBe("New-password-2030");
  });

  it("sends a person whose password an admin reset to the code step", async () => {
    const ada = cognito.users.get("ada@example.com");
    if (ada !== undefined) ada.resetRequired = true;
    expect(await failure(visit().signIn("ada@example.com", ADA_PASSWORD))).toMatchObject({ kind: "password-reset-required" });
  });

  it("says the service is unreachable when nothing answers", async () => {
    await cognito.stop();
    expect(await failure(visit().signIn("ada@example.com", ADA_PASSWORD))).toMatchObject({ kind: "unreachable" });
  });
});
