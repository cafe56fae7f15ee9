import {
  AuthFailure,
  type AuthProblem,
  type IdentityProvider,
  type SessionTokens,
  type SignInOutcome,
  type SignedInUser,
} from "../src/auth/identity-provider.js";

export interface FakeAccount {
  readonly password: string;
  readonly user: SignedInUser;
  /** Invited with a temporary password: the first sign-in asks for a new one. */
  mustChangePassword?: boolean;
  /** Has TOTP MFA: the code it accepts. */
  readonly mfaCode?: string;
}

const refused = (kind: AuthProblem["kind"], message: string) => new AuthFailure({ kind, message });

/**
 * The sign-in service in memory, as the session sees it: accounts with passwords, invitations,
 * TOTP codes; each token it hands out is new and lives `tokenLifetimeMs`. Tests script refresh
 * and outages, and read `calls`.
 */
export class FakeIdentity implements IdentityProvider {
  readonly calls: string[] = [];
  readonly accounts = new Map<string, FakeAccount>();
  /** The session this browser "kept" from an earlier visit. */
  kept: SessionTokens | undefined;
  /** What the next refresh does: hand out new tokens, or fail with this problem. */
  refreshProblem: AuthProblem | undefined;
  unreachable = false;
  tokenLifetimeMs = 3_600_000;
  now: () => number = Date.now;
  #issued = 0;
  #pending: { email: string; account: FakeAccount } | undefined;
  #signedIn: SignedInUser | undefined;
  readonly #resetCodes = new Map<string, string>();

  constructor(accounts: Record<string, FakeAccount> = {}) {
    for (const [email, account] of Object.entries(accounts)) this.accounts.set(email, account);
  }

  async restore(): Promise<SessionTokens | undefined> {
    this.#call("restore");
    this.#signedIn = this.kept?.user;
    return this.kept;
  }

  async signIn(email: string, password: string): Promise<SignInOutcome> {
    this.#call(`signIn ${email}`);
    const account = this.accounts.get(email);
    if (account === undefined || account.password !== password) throw refused("wrong-credentials", "Wrong e-mail or password.");
    this.#pending = { email, account };
    if (account.mustChangePassword === true) return { kind: "new-password-required" };
    return this.#secondFactor();
  }

  async completeNewPassword(newPassword: string): Promise<SignInOutcome> {
    this.#call("completeNewPassword");
    const pending = this.#pendingOrExpired();
    if (newPassword.length < 12) throw refused("weak-password", "That password is not allowed here.");
    this.accounts.set(pending.email, { ...pending.account, password: newPassword, mustChangePassword: false });
    return this.#secondFactor();
  }

  async sendMfaCode(code: string): Promise<SignInOutcome> {
    this.#call(`sendMfaCode ${code}`);
    const pending = this.#pendingOrExpired();
    if (code !== pending.account.mfaCode) throw refused("code-mismatch", "That code is not right. Check it and try again.");
    return this.#signedInAs(pending.account.user);
  }

  async refresh(): Promise<SessionTokens> {
    this.#call("refresh");
    if (this.refreshProblem !== undefined) throw new AuthFailure(this.refreshProblem);
    if (this.#signedIn === undefined) throw refused("session-ended", "Your session has ended.");
    return this.#tokensFor(this.#signedIn);
  }

  async requestPasswordReset(email: string): Promise<{ destination?: string }> {
    this.#call(`requestPasswordReset ${email}`);
    this.#resetCodes.set(email, "246810");
    return { destination: `${email.slice(0, 1)}***@${email.split("@")[1]?.slice(0, 1) ?? ""}***` };
  }

  async confirmPasswordReset(email: string, code: string, newPassword: string): Promise<void> {
    this.#call(`confirmPasswordReset ${email}`);
    const account = this.accounts.get(email);
    if (account === undefined || this.#resetCodes.get(email) !== code) throw refused("code-mismatch", "That code is not right.");
    this.accounts.set(email, { ...account, password: newPassword });
  }

  async signOut(): Promise<void> {
    this.#call("signOut");
    this.#signedIn = undefined;
    this.kept = undefined;
  }

  forget(): void {
    this.#call("forget");
    this.#signedIn = undefined;
    this.kept = undefined;
  }

  #call(name: string): void {
    this.calls.push(name);
    if (this.unreachable) throw refused("unreachable", "Could not reach the sign-in service.");
  }

  #pendingOrExpired() {
    if (this.#pending === undefined) throw refused("challenge-expired", "That took too long. Sign in again.");
    return this.#pending;
  }

  #secondFactor(): SignInOutcome {
    const pending = this.#pendingOrExpired();
    if (pending.account.mfaCode !== undefined) return { kind: "mfa-required" };
    return this.#signedInAs(pending.account.user);
  }

  #signedInAs(user: SignedInUser): SignInOutcome {
    this.#pending = undefined;
    this.#signedIn = user;
    const tokens = this.#tokensFor(user);
    this.kept = tokens;
    return { kind: "signed-in", tokens };
  }

  #tokensFor(user: SignedInUser): SessionTokens {
    return { accessToken: `access-${user.sub}-${++this.#issued}`, expiresAt: this.now() + this.tokenLifetimeMs, user };
  }
}

export const ADA: FakeAccount = { password: "Ada-lovelace-1815", user: { sub: "sub-ada", email: "ada@example.com", isAdmin: false } };
export const GRACE: FakeAccount = {
  password: "Grace-hopper-1906",
  user: { sub: "sub-grace", email: "grace@example.com", isAdmin: true },
  mfaCode: "123456",
};
