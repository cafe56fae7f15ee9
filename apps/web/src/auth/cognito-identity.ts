import type { WebAuthConfig } from "@video-platform/shared-types";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
  type ICognitoStorage,
} from "amazon-cognito-identity-js";
import { CHALLENGE_EXPIRED, SESSION_ENDED, problemOfCognitoError, type CognitoCall } from "./cognito-errors.js";
import { AuthFailure, userOfTokens, type IdentityProvider, type SessionTokens, type SignInOutcome } from "./identity-provider.js";

/**
 * The platform's sign-in service, Cognito, through amazon-cognito-identity-js: SRP sign-in, the
 * new-password and TOTP challenges, quiet refresh, forgotten password, sign-out. The library keeps
 * the tokens in localStorage (so a reload stays signed in) and calls Cognito with `fetch`, at
 * `auth.endpoint` when the config names one (the local platform's moto). This module is the only
 * one that imports the library, and it is loaded lazily: the library is 27.6 kB gzip.
 */
export function createCognitoIdentity(auth: WebAuthConfig, storage?: ICognitoStorage): IdentityProvider {
  const pool = new CognitoUserPool({
    UserPoolId: auth.userPoolId,
    ClientId: auth.userPoolClientId,
    ...(auth.endpoint === null ? {} : { endpoint: auth.endpoint }),
    ...(storage === undefined ? {} : { Storage: storage }),
  });
  return new CognitoIdentity(pool, storage);
}

class CognitoIdentity implements IdentityProvider {
  /** The person mid sign-in: the challenge's session lives in this object. */
  #pending: CognitoUser | undefined;
  /** The signed-in person, whose session the library keeps. */
  #current: CognitoUser | undefined;
  /** Their e-mail, once known: a refresh's ID token may not carry it again. */
  #email: string | undefined;

  constructor(
    private readonly pool: CognitoUserPool,
    private readonly storage: ICognitoStorage | undefined,
  ) {}

  async restore(): Promise<SessionTokens | undefined> {
    const user = this.pool.getCurrentUser();
    if (user === null) return undefined;
    const session = await new Promise<CognitoUserSession | undefined>((resolve, reject) =>
      user.getSession((error: Error | null, found: CognitoUserSession | null) => {
        if (error === null && found !== null) resolve(found);
        // Tokens missing from storage is "nobody kept"; a refused refresh or an outage is a problem.
        else if (error !== null && "code" in error) reject(new AuthFailure(problemOfCognitoError(error, "refresh")));
        else resolve(undefined);
      }),
    );
    if (session === undefined) return undefined;
    this.#current = user;
    return this.#withEmail(user, tokensOf(session));
  }

  signIn(email: string, password: string): Promise<SignInOutcome> {
    const user = this.#user(email);
    this.#pending = user;
    return this.#step(user, "sign-in", (callbacks) =>
      user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), callbacks),
    );
  }

  completeNewPassword(newPassword: string): Promise<SignInOutcome> {
    const user = this.#pendingUser();
    return this.#step(user, "challenge", (callbacks) => user.completeNewPasswordChallenge(newPassword, {}, callbacks));
  }

  sendMfaCode(code: string): Promise<SignInOutcome> {
    const user = this.#pendingUser();
    return this.#step(user, "challenge", (callbacks) => user.sendMFACode(code, callbacks, "SOFTWARE_TOKEN_MFA"));
  }

  async refresh(): Promise<SessionTokens> {
    const user = this.#current;
    const session = user?.getSignInUserSession();
    if (user === undefined || session === null || session === undefined) {
      throw new AuthFailure(SESSION_ENDED);
    }
    const fresh = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.refreshSession(session.getRefreshToken(), (error: unknown, renewed: CognitoUserSession) =>
        error ? reject(new AuthFailure(problemOfCognitoError(error, "refresh"))) : resolve(renewed),
      ),
    );
    const tokens = tokensOf(fresh);
    return tokens.user.email !== undefined || this.#email === undefined ? tokens : { ...tokens, user: { ...tokens.user, email: this.#email } };
  }

  requestPasswordReset(email: string): Promise<{ destination?: string }> {
    const user = this.#user(email);
    return new Promise((resolve, reject) =>
      user.forgotPassword({
        onSuccess: (data: unknown) => resolve({ destination: destinationOf(data) }),
        onFailure: (error) => reject(new AuthFailure(problemOfCognitoError(error, "reset-request"))),
      }),
    );
  }

  confirmPasswordReset(email: string, code: string, newPassword: string): Promise<void> {
    const user = this.#user(email);
    return new Promise((resolve, reject) =>
      user.confirmPassword(code, newPassword, {
        onSuccess: () => resolve(),
        onFailure: (error) => reject(new AuthFailure(problemOfCognitoError(error, "reset-confirm"))),
      }),
    );
  }

  async signOut(): Promise<void> {
    const user = (this.#current ?? this.pool.getCurrentUser() ?? undefined) as RevocableUser | undefined;
    this.#current = undefined;
    this.#pending = undefined;
    this.#email = undefined;
    if (user === undefined) return;
    // Forgotten first: a reload while the revocation is on its way (or retried) finds no session.
    user.clearCachedUser();
    await new Promise<void>((resolve) => {
      try {
        user.revokeTokens(() => resolve());
      } catch {
        resolve();
      }
    });
    user.signOut();
  }

  forget(): void {
    (this.#current ?? this.pool.getCurrentUser())?.signOut();
    this.#current = undefined;
  }

  /**
   * The ID token names the person's e-mail when the app client may read it; otherwise Cognito's
   * GetUser (on the access token) does. Without either, the page shows the user id.
   */
  async #withEmail(user: CognitoUser, tokens: SessionTokens): Promise<SessionTokens> {
    const email =
      tokens.user.email ??
      (await new Promise<string | undefined>((resolve) =>
        user.getUserAttributes((error, attributes) => resolve(error ? undefined : attributes?.find((entry) => entry.getName() === "email")?.getValue())),
      ));
    this.#email = email;
    return email === undefined ? tokens : { ...tokens, user: { ...tokens.user, email } };
  }

  #user(email: string): CognitoUser {
    return new CognitoUser({ Username: email, Pool: this.pool, ...(this.storage === undefined ? {} : { Storage: this.storage }) });
  }

  #pendingUser(): CognitoUser {
    if (this.#pending === undefined) throw new AuthFailure(CHALLENGE_EXPIRED);
    return this.#pending;
  }

  /** One call whose outcome arrives through the authentication callbacks. */
  #step(user: CognitoUser, during: CognitoCall, start: (callbacks: IAuthenticationCallback) => void): Promise<SignInOutcome> {
    return new Promise<SignInOutcome>((resolve, reject) => {
      const refuse = (message: string) => reject(new AuthFailure({ kind: "other", message }));
      start({
        onSuccess: (session) => {
          this.#pending = undefined;
          this.#current = user;
          try {
            this.#withEmail(user, tokensOf(session)).then((tokens) => resolve({ kind: "signed-in", tokens }), reject);
          } catch (error) {
            reject(error);
          }
        },
        onFailure: (error: unknown) => reject(new AuthFailure(problemOfCognitoError(error, during))),
        newPasswordRequired: () => resolve({ kind: "new-password-required" }),
        totpRequired: () => resolve({ kind: "mfa-required" }),
        // The platform's pools offer TOTP only, and never require setting MFA up at sign-in.
        mfaRequired: () => refuse("This account asks for an SMS code, which this platform does not offer."),
        selectMFAType: () => refuse("This account asks for an MFA type choice, which this platform does not offer."),
        mfaSetup: () => refuse("This account must set up MFA first, which this platform does not ask for."),
        customChallenge: () => refuse("This account asks for a custom challenge, which this platform does not offer."),
      });
    });
  }
}

/**
 * What sign-out needs that the library's types leave out: forget the stored tokens while the
 * session in memory still names the refresh token to revoke (`RevokeToken`, where Cognito allows it).
 */
type RevocableUser = CognitoUser & { clearCachedUser(): void; revokeTokens(callback: (error?: Error) => void): void };

/** The library measures how far this browser's clock is from Cognito's; its types leave the getter out. */
type MeasuredSession = CognitoUserSession & { getClockDrift(): number };

function tokensOf(session: CognitoUserSession): SessionTokens {
  const access = session.getAccessToken();
  return {
    accessToken: access.getJwtToken(),
    // `exp` is in Cognito's clock; the page schedules in its own.
    expiresAt: (access.getExpiration() + (session as MeasuredSession).getClockDrift()) * 1000,
    user: userOfTokens(access.decodePayload(), session.getIdToken().decodePayload()),
  };
}

function destinationOf(data: unknown): string | undefined {
  const details = (data as { CodeDeliveryDetails?: { Destination?: unknown } } | undefined)?.CodeDeliveryDetails;
  return typeof details?.Destination === "string" ? details.Destination : undefined;
}
