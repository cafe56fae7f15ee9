import { createSign, generateKeyPairSync } from "node:crypto";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { RunningMotoServer } from "@video-platform/aws-emulator";
import { ADMIN_GROUP } from "@video-platform/shared-types";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  apiGatewayJwtClaims,
  createAccessTokenVerifier,
  type AccessTokenVerdict,
  type AccessTokenVerifier,
} from "../../src/auth/access-token-verifier.js";
import { DEMO_ADMIN, DEMO_USER, provisionLocalIdentity, type LocalIdentity } from "../../src/auth/local-identity.js";
import { claimsOf, otherClientOf, tokensFor, type Tokens } from "./support/cognito-sign-in.js";
import { startPoolOnMoto, type PoolOnMoto } from "./support/pool-on-moto.js";

let pool: PoolOnMoto;
let moto: RunningMotoServer;
let cognito: CognitoIdentityProviderClient;
let identity: LocalIdentity;
let verifier: AccessTokenVerifier;
let user: Tokens;

beforeAll(async () => {
  pool = await startPoolOnMoto();
  ({ moto, cognito, identity, verifier } = pool);
  user = await tokensFor(cognito, { userPoolId: identity.userPoolId, clientId: identity.webClientId }, DEMO_USER);
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await pool?.stop();
});

function refusal(verdict: AccessTokenVerdict): string {
  return verdict.ok ? "accepted" : verdict.reason;
}

/** A JWT signed with a key of the attacker's choosing, claiming whatever they like. */
function forge(header: Record<string, unknown>, payload: Record<string, unknown>, sign: (input: string) => string): string {
  const encode = (part: Record<string, unknown>) => Buffer.from(JSON.stringify(part)).toString("base64url");
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${sign(input)}`;
}

describe("createAccessTokenVerifier", () => {
  it("accepts the web client's access token and names the caller, with or without the Bearer scheme", async () => {
    const verdict = await verifier.verify(`Bearer ${user.accessToken}`);
    expect(verdict).toMatchObject({ ok: true, caller: { sub: identity.users.user.sub, groups: [], clientId: identity.webClientId } });
    expect(await verifier.verify(user.accessToken)).toMatchObject({ ok: true });
    expect(await verifier.verify(`bearer   ${user.accessToken}`)).toMatchObject({ ok: true });
  });

  it("names an admin's groups", async () => {
    const admin = await tokensFor(cognito, { userPoolId: identity.userPoolId, clientId: identity.webClientId }, DEMO_ADMIN);
    const verdict = await verifier.verify(`Bearer ${admin.accessToken}`);
    expect(verdict).toMatchObject({ ok: true, caller: { sub: identity.users.admin.sub, groups: [ADMIN_GROUP] } });
  });

  it("refuses a request without a token", async () => {
    expect(refusal(await verifier.verify(undefined))).toBe("missing");
    expect(refusal(await verifier.verify(""))).toBe("missing");
    expect(refusal(await verifier.verify("Bearer "))).toBe("missing");
  });

  it("refuses garbage", async () => {
    expect(refusal(await verifier.verify("Bearer not-a-token"))).toBe("malformed");
    expect(refusal(await verifier.verify("Bearer a.b.c"))).toBe("malformed");
  });

  it("refuses a genuine token of another client of the same pool", async () => {
    const otherClient = await otherClientOf(cognito, identity.userPoolId);
    const other = await tokensFor(cognito, { userPoolId: identity.userPoolId, clientId: otherClient }, DEMO_USER);
    expect(claimsOf(other.accessToken).client_id).toBe(otherClient);
    expect(refusal(await verifier.verify(`Bearer ${other.accessToken}`))).toBe("wrong-client");
  });

  it("refuses the id token in place of the access token", async () => {
    expect(claimsOf(user.idToken).token_use).toBe("id");
    expect(refusal(await verifier.verify(`Bearer ${user.idToken}`))).toBe("not-an-access-token");
  });

  it("refuses a genuine token of another pool (moto signs every pool with the same key: only the issuer tells)", async () => {
    const other = await provisionLocalIdentity(moto.endpoint, { poolName: "another-platform" });
    const foreign = await tokensFor(cognito, { userPoolId: other.userPoolId, clientId: other.webClientId }, DEMO_USER);
    const trustingTheClient = createAccessTokenVerifier({ ...identity, clientId: other.webClientId });
    expect(refusal(await trustingTheClient.verify(`Bearer ${foreign.accessToken}`))).toBe("wrong-issuer");
  });

  it("refuses a token once it has expired", async () => {
    expect(await verifier.verify(`Bearer ${user.accessToken}`)).toMatchObject({ ok: true });
    const expiresAt = Number(claimsOf(user.accessToken).exp) * 1000;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(expiresAt + 1000);
    const verdict = await verifier.verify(`Bearer ${user.accessToken}`);
    expect(verdict).toMatchObject({ ok: false, reason: "expired", detail: expect.stringMatching(/expired/i) });
  });

  it("refuses a token whose claims were changed after signing, or whose signature was", async () => {
    const [header, payload, signature] = user.accessToken.split(".") as [string, string, string];
    const claims = { ...claimsOf(user.accessToken), "cognito:groups": [ADMIN_GROUP] };
    const promoted = `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
    expect(refusal(await verifier.verify(`Bearer ${promoted}`))).toBe("bad-signature");
    const middle = Math.floor(signature.length / 2);
    const flipped = signature.slice(0, middle) + (signature[middle] === "A" ? "B" : "A") + signature.slice(middle + 1);
    expect(refusal(await verifier.verify(`Bearer ${header}.${payload}.${flipped}`))).toBe("bad-signature");
  });

  it("refuses a token signed with the attacker's own key under the pool's key id, and an unsigned one", async () => {
    const claims = claimsOf(user.accessToken);
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = forge({ kid: "dummy", alg: "RS256" }, claims, (input) =>
      createSign("RSA-SHA256").update(input).sign(privateKey).toString("base64url"),
    );
    expect(refusal(await verifier.verify(`Bearer ${forged}`))).toBe("bad-signature");
    const unsigned = forge({ kid: "dummy", alg: "none" }, claims, () => "");
    expect(refusal(await verifier.verify(`Bearer ${unsigned}`))).toMatch(/bad-signature|malformed/);
  });

  it("says the keys are unavailable when the JWKS cannot be fetched", async () => {
    const lost = createAccessTokenVerifier({
      issuer: identity.issuer,
      clientId: identity.webClientId,
      // Nothing listens on port 1.
      jwksUrl: `http://127.0.0.1:1/${identity.userPoolId}/.well-known/jwks.json`,
    });
    expect(refusal(await lost.verify(`Bearer ${user.accessToken}`))).toBe("keys-unavailable");
  });
});

describe("apiGatewayJwtClaims", () => {
  it("writes the claims as the HTTP API authorizer passes them to Lambda", () => {
    expect(
      apiGatewayJwtClaims({ sub: "u-1", exp: 1700000000, "cognito:groups": ["admin", "editors"], scope: "aws.cognito.signin.user.admin" }),
    ).toEqual({ sub: "u-1", exp: "1700000000", "cognito:groups": "[admin editors]", scope: "aws.cognito.signin.user.admin" });
  });
});
