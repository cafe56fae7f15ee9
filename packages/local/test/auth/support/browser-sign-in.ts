/**
 * amazon-cognito-identity-js's callbacks as promises: the way the web app's sign-in module will
 * drive it, reduced to what the feasibility tests need.
 */
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
} from "amazon-cognito-identity-js";

export type SignInStep =
  | { readonly step: "signed-in"; readonly session: CognitoUserSession }
  | { readonly step: "new-password-required" }
  | { readonly step: "totp-required" }
  | { readonly step: "failed"; readonly error: Error };

export interface BrowserPool {
  readonly userPoolId: string;
  readonly webClientId: string;
  /** moto's address; the web app leaves it out and talks to Cognito. */
  readonly endpoint: string;
}

export function userOf(pool: BrowserPool, email: string): CognitoUser {
  const userPool = new CognitoUserPool({ UserPoolId: pool.userPoolId, ClientId: pool.webClientId, endpoint: pool.endpoint });
  return new CognitoUser({ Username: email, Pool: userPool });
}

/** Runs one call whose outcome arrives through the authentication callbacks. */
export function authenticationStep(start: (callbacks: IAuthenticationCallback) => void): Promise<SignInStep> {
  return new Promise((resolve) => {
    try {
      start({
        onSuccess: (session) => resolve({ step: "signed-in", session }),
        onFailure: (error: Error) => resolve({ step: "failed", error }),
        newPasswordRequired: () => resolve({ step: "new-password-required" }),
        totpRequired: () => resolve({ step: "totp-required" }),
        mfaRequired: () => resolve({ step: "failed", error: new Error("SMS MFA asked for; the platform offers TOTP only") }),
        mfaSetup: () => resolve({ step: "failed", error: new Error("MFA setup asked for; MFA is optional") }),
      });
    } catch (error) {
      resolve({ step: "failed", error: error as Error });
    }
  });
}

/** SRP sign-in: the password never leaves the caller. */
export function signInWithSrp(user: CognitoUser, email: string, password: string): Promise<SignInStep> {
  return authenticationStep((callbacks) =>
    user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), callbacks),
  );
}

export function refreshed(user: CognitoUser, session: CognitoUserSession): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) =>
    user.refreshSession(session.getRefreshToken(), (error: Error | null, fresh: CognitoUserSession) =>
      error ? reject(error) : resolve(fresh),
    ),
  );
}

/** `user.method(...args, callbacks)` for the calls that report through `onSuccess`/`onFailure`. */
export function settled<T>(call: (callbacks: { onSuccess: (value: T) => void; onFailure: (error: Error) => void }) => void): Promise<T> {
  return new Promise((resolve, reject) => call({ onSuccess: resolve, onFailure: reject }));
}
