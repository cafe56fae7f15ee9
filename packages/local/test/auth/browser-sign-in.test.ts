/**
 * Can the web app sign in against `pnpm dev`'s moto with the library it will ship? These tests run
 * amazon-cognito-identity-js (the browser library) in Node against a real moto_server, through
 * the pool's `endpoint` override pointed at the local Cognito front, and check each flow the
 * sign-in page needs.
 */
import { AdminCreateUserCommand, InitiateAuthCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { RunningMotoServer } from "@video-platform/aws-emulator";
import { TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessTokenVerifier } from "../../src/auth/access-token-verifier.js";
import { DEMO_USER, type LocalIdentity } from "../../src/auth/local-identity.js";
import { revokeToken, startCognitoFront, undoMotoCognitoDeviations } from "../../src/auth/moto-cognito-fixes.js";
import type { LoopbackListener } from "@video-platform/aws-emulator";
import { authenticationStep, refreshed, settled, signInWithSrp, userOf, type BrowserPool } from "./support/browser-sign-in.js";
import { claimsOf, tokensFor } from "./support/cognito-sign-in.js";
import { startPoolOnMoto, type PoolOnMoto } from "./support/pool-on-moto.js";

let onMoto: PoolOnMoto;
let moto: RunningMotoServer;
let front: LoopbackListener;
let cognito: CognitoIdentityProviderClient;
let identity: LocalIdentity;
let pool: BrowserPool;
let verifier: AccessTokenVerifier;
const totpSettingBefore = process.env["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"];

beforeAll(async () => {
  // moto accepts any TOTP code unless told to check them; the child inherits this environment.
  process.env["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"] = "true";
  onMoto = await startPoolOnMoto();
  ({ moto, cognito, identity, verifier } = onMoto);
  // The library talks to moto through the front that bridges moto's deviations, as the web app will in `pnpm dev`.
  front = await startCognitoFront(moto.endpoint);
  pool = { userPoolId: identity.userPoolId, webClientId: identity.webClientId, endpoint: front.url };
});

afterAll(async () => {
  if (totpSettingBefore === undefined) delete process.env["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"];
  else process.env["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"] = totpSettingBefore;
  await front?.close();
  await onMoto?.stop();
});

async function invite(email: string, temporaryPassword: string): Promise<void> {
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: identity.userPoolId,
      Username: email,
      TemporaryPassword: temporaryPassword,
      UserAttributes: [
        { Name: "email", Value: email },
        { Name: "email_verified", Value: "true" },
      ],
      MessageAction: "SUPPRESS",
    }),
  );
}

/** Whether moto takes this password for this user (its password flow, unlike its SRP, compares passwords). */
function passwordWorks(email: string, password: string): Promise<boolean> {
  return tokensFor(cognito, { userPoolId: identity.userPoolId, clientId: identity.webClientId }, { email, password }).then(
    () => true,
    () => false,
  );
}

describe("amazon-cognito-identity-js against moto", () => {
  it("signs in over SRP and gets an access token the local authorizer accepts, and an ID token with the e-mail", async () => {
    const user = userOf(pool, DEMO_USER.email);
    const outcome = await signInWithSrp(user, DEMO_USER.email, DEMO_USER.password);
    if (outcome.step !== "signed-in") throw new Error(`expected a session, got ${outcome.step}`);
    const accessToken = outcome.session.getAccessToken().getJwtToken();
    expect(await verifier.verify(`Bearer ${accessToken}`)).toMatchObject({ ok: true, caller: { sub: identity.users.user.sub } });
    // What the page shows as who is signed in (moto writes the internal user name there unless the client reads `email`).
    expect(outcome.session.getIdToken().decodePayload()["email"]).toBe(DEMO_USER.email);
  });

  it("refreshes the session with the refresh token, quietly", async () => {
    const user = userOf(pool, DEMO_USER.email);
    const outcome = await signInWithSrp(user, DEMO_USER.email, DEMO_USER.password);
    if (outcome.step !== "signed-in") throw new Error(`expected a session, got ${outcome.step}`);
    const fresh = await refreshed(user, outcome.session);
    const before = outcome.session.getAccessToken().getJwtToken();
    const after = fresh.getAccessToken().getJwtToken();
    expect(claimsOf(after).jti).not.toBe(claimsOf(before).jti);
    expect(await verifier.verify(`Bearer ${after}`)).toMatchObject({ ok: true, caller: { sub: identity.users.user.sub } });
  });

  it("signs out at once, and the refresh token is refused afterwards (moto has no RevokeToken: the front stands in)", async () => {
    const { email, password } = identity.users.admin;
    const user = userOf(pool, email);
    const outcome = await signInWithSrp(user, email, password);
    if (outcome.step !== "signed-in") throw new Error(`expected a session, got ${outcome.step}`);
    const started = Date.now();
    const revoked = await new Promise<Error | undefined>((resolve) => user.signOut((error?: Error) => resolve(error)));
    expect(revoked).toBeUndefined();
    // Without the front the library retries moto's 500 for about six seconds before it forgets the tokens.
    expect(Date.now() - started).toBeLessThan(2000);
    const refresh = new InitiateAuthCommand({
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: identity.webClientId,
      AuthParameters: { REFRESH_TOKEN: outcome.session.getRefreshToken().getToken() },
    });
    await expect(cognito.send(refresh)).rejects.toThrow(/revoked/i);
    const direct = await revokeToken(moto.endpoint, Buffer.from(JSON.stringify({ Token: "unknown", ClientId: identity.webClientId })));
    expect(direct).toEqual({ status: 200, payload: {} });
    const motoItself = await fetch(moto.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.RevokeToken" },
      body: JSON.stringify({ Token: outcome.session.getRefreshToken().getToken(), ClientId: identity.webClientId }),
    });
    expect(motoItself.status).toBe(500);
  });

  it("moto deviation: its SRP does not check the password (AWS refuses a wrong one)", async () => {
    const outcome = await signInWithSrp(userOf(pool, DEMO_USER.email), DEMO_USER.email, "Not-the-password-1");
    expect(outcome.step).toBe("signed-in");
  });

  it("leads an invited user through the new-password challenge", async () => {
    const email = "invited@example.com";
    await invite(email, "Temporary-pass1");
    const user = userOf(pool, email);
    expect((await signInWithSrp(user, email, "Temporary-pass1")).step).toBe("new-password-required");
    const outcome = await authenticationStep((callbacks) => user.completeNewPasswordChallenge("Chosen-password1", {}, callbacks));
    expect(outcome.step).toBe("signed-in");
    expect(await passwordWorks(email, "Chosen-password1")).toBe(true);
    expect(await passwordWorks(email, "Temporary-pass1")).toBe(false);
  });

  it("moto deviation: straight from moto, the new-password challenge lacks the attributes the library reads", async () => {
    const email = "unbridged@example.com";
    await invite(email, "Temporary-pass1");
    const direct = userOf({ ...pool, endpoint: moto.endpoint }, email);
    const challenged = await signInWithSrp(direct, email, "Temporary-pass1");
    expect(challenged).toMatchObject({ step: "failed", error: expect.any(SyntaxError) });
  });

  it("sets up TOTP for a signed-in user, then asks for a code at sign-in and refuses a wrong one", async () => {
    const email = "careful@example.com";
    await invite(email, "Temporary-pass1");
    const enrolling = userOf(pool, email);
    await signInWithSrp(enrolling, email, "Temporary-pass1");
    const first = await authenticationStep((callbacks) => enrolling.completeNewPasswordChallenge("Careful-password1", {}, callbacks));
    expect(first.step).toBe("signed-in");

    const secret = await new Promise<string>((resolve, reject) =>
      enrolling.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
    );
    const authenticator = new TOTP({ secret, digits: 6, period: 30, algorithm: "SHA1" });
    await settled((callbacks) => enrolling.verifySoftwareToken(authenticator.generate(), "phone", callbacks));
    await new Promise<void>((resolve, reject) =>
      enrolling.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, (error) => (error ? reject(error) : resolve())),
    );

    const wrong = userOf(pool, email);
    expect((await signInWithSrp(wrong, email, "Careful-password1")).step).toBe("totp-required");
    const badCode = String((Number(authenticator.generate()) + 1) % 1_000_000).padStart(6, "0");
    const refused = await authenticationStep((callbacks) => wrong.sendMFACode(badCode, callbacks, "SOFTWARE_TOKEN_MFA"));
    expect(refused).toMatchObject({ step: "failed", error: expect.objectContaining({ code: "CodeMismatchException" }) });

    const right = userOf(pool, email);
    expect((await signInWithSrp(right, email, "Careful-password1")).step).toBe("totp-required");
    const outcome = await authenticationStep((callbacks) => right.sendMFACode(authenticator.generate(), callbacks, "SOFTWARE_TOKEN_MFA"));
    expect(outcome.step).toBe("signed-in");
  });

  it("resets a forgotten password with the code moto would have e-mailed", async () => {
    const email = "forgetful@example.com";
    await invite(email, "Temporary-pass1");
    const first = userOf(pool, email);
    await signInWithSrp(first, email, "Temporary-pass1");
    await authenticationStep((callbacks) => first.completeNewPasswordChallenge("Forgotten-pass1", {}, callbacks));

    const user = userOf(pool, email);
    const delivery = await new Promise<{ CodeDeliveryDetails?: { DeliveryMedium?: string } }>((resolve, reject) =>
      user.forgotPassword({ onSuccess: resolve, inputVerificationCode: resolve, onFailure: reject }),
    );
    expect(delivery.CodeDeliveryDetails?.DeliveryMedium).toBe("EMAIL");
    // moto sends no e-mail; it checks only codes shaped like its own, so a stale one of that shape is refused.
    await expect(settled((callbacks) => user.confirmPassword("moto-confirmation-code:000000", "Remembered-pass1", callbacks))).rejects.toMatchObject({
      code: "ExpiredCodeException",
    });
    await settled((callbacks) => user.confirmPassword("123456", "Remembered-pass1", callbacks));
    expect(await passwordWorks(email, "Remembered-pass1")).toBe(true);
    expect(await passwordWorks(email, "Forgotten-pass1")).toBe(false);
  });
});

describe("startCognitoFront", () => {
  it("answers a browser's CORS preflight for Cognito calls as moto does", async () => {
    const preflight = await fetch(front.url, {
      method: "OPTIONS",
      headers: {
        Origin: "http://127.0.0.1:4173",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-amz-target,x-amz-user-agent",
      },
    });
    expect(preflight.ok).toBe(true);
    expect(preflight.headers.get("access-control-allow-origin")).toMatch(/\*|http:\/\/127\.0\.0\.1:4173/);
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-amz-target");
  });
});

describe("undoMotoCognitoDeviations", () => {
  const challenge = { ChallengeName: "NEW_PASSWORD_REQUIRED", Session: "s", ChallengeParameters: { USERNAME: "u" } };

  it("gives moto's new-password challenge the attribute lists AWS sends", () => {
    expect(undoMotoCognitoDeviations("AWSCognitoIdentityProviderService.RespondToAuthChallenge", challenge)).toEqual({
      ...challenge,
      ChallengeParameters: { USERNAME: "u", userAttributes: "{}", requiredAttributes: "[]" },
    });
  });

  it("leaves other answers, and challenges already right, as they are", () => {
    const right = { ...challenge, ChallengeParameters: { userAttributes: '{"email":"a@b.c"}', requiredAttributes: '["userAttributes.name"]' } };
    expect(undoMotoCognitoDeviations("AWSCognitoIdentityProviderService.InitiateAuth", right)).toEqual(right);
    const verifier = { ChallengeName: "PASSWORD_VERIFIER", ChallengeParameters: {} };
    expect(undoMotoCognitoDeviations("AWSCognitoIdentityProviderService.InitiateAuth", verifier)).toBe(verifier);
    expect(undoMotoCognitoDeviations("AWSCognitoIdentityProviderService.ListUsers", challenge)).toBe(challenge);
    expect(undoMotoCognitoDeviations(undefined, challenge)).toBe(challenge);
  });
});
