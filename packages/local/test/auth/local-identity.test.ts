import {
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import type { RunningMotoServer } from "@video-platform/aws-emulator";
import { ADMIN_GROUP, PASSWORD_POLICY, WEB_CLIENT_AUTH_FLOWS } from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN, DEMO_USER, provisionLocalIdentity, type LocalIdentity } from "../../src/auth/local-identity.js";
import { claimsOf, tokensFor } from "./support/cognito-sign-in.js";
import { startPoolOnMoto, type PoolOnMoto } from "./support/pool-on-moto.js";

let pool: PoolOnMoto;
let moto: RunningMotoServer;
let cognito: CognitoIdentityProviderClient;
let identity: LocalIdentity;

beforeAll(async () => {
  pool = await startPoolOnMoto();
  ({ moto, cognito, identity } = pool);
});

afterAll(async () => {
  await pool?.stop();
});

describe("provisionLocalIdentity", () => {
  it("creates a pool that signs in by e-mail with the platform's password policy and optional TOTP", async () => {
    const { UserPool: pool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: identity.userPoolId }));
    expect(pool?.UsernameAttributes).toEqual(["email"]);
    expect(pool?.Policies?.PasswordPolicy).toMatchObject({
      MinimumLength: PASSWORD_POLICY.minimumLength,
      RequireSymbols: PASSWORD_POLICY.requireSymbols,
    });
    const mfa = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: identity.userPoolId }));
    expect(mfa.MfaConfiguration).toBe("OPTIONAL");
    expect(mfa.SoftwareTokenMfaConfiguration).toEqual({ Enabled: true });
  });

  it("refuses a password shorter than the policy's minimum", async () => {
    await expect(
      cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: identity.userPoolId,
          Username: DEMO_USER.email,
          Password: "Short-pw1",
          Permanent: true,
        }),
      ),
    ).rejects.toThrow(/password/i);
  });

  it("creates one public web client: no secret, SRP and refresh only, 1 h access and 30 d refresh tokens", async () => {
    const { UserPoolClient: client } = await cognito.send(
      new DescribeUserPoolClientCommand({ UserPoolId: identity.userPoolId, ClientId: identity.webClientId }),
    );
    expect(client?.ClientSecret).toBeUndefined();
    expect(client?.ExplicitAuthFlows).toEqual([...WEB_CLIENT_AUTH_FLOWS]);
    expect(client).toMatchObject({
      AccessTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: "minutes", RefreshToken: "days" },
    });
  });

  it("makes the demo admin, and only the admin, a member of the admin group", async () => {
    const groupsOf = async (email: string) =>
      (await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: identity.userPoolId, Username: email }))).Groups?.map(
        (group) => group.GroupName,
      );
    expect(await groupsOf(DEMO_ADMIN.email)).toEqual([ADMIN_GROUP]);
    expect(await groupsOf(DEMO_USER.email)).toEqual([]);
  });

  it("gives demo users permanent passwords whose tokens carry their sub, the pool's issuer and their groups", async () => {
    const pool = { userPoolId: identity.userPoolId, clientId: identity.webClientId };
    const user = claimsOf((await tokensFor(cognito, pool, identity.users.user)).accessToken);
    expect(user).toMatchObject({ sub: identity.users.user.sub, iss: identity.issuer, client_id: identity.webClientId, token_use: "access" });
    expect(user["cognito:groups"]).toBeUndefined();
    const admin = claimsOf((await tokensFor(cognito, pool, identity.users.admin)).accessToken);
    expect(admin).toMatchObject({ sub: identity.users.admin.sub, "cognito:groups": [ADMIN_GROUP] });
    expect(identity.users.user.sub).not.toBe(identity.users.admin.sub);
    expect(identity.issuer).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${identity.userPoolId}`);
  });

  it("points at moto's JWKS for the pool, which holds the key the tokens name", async () => {
    expect(identity.jwksUrl.startsWith(moto.endpoint)).toBe(true);
    const jwks = (await (await fetch(identity.jwksUrl)).json()) as { keys: { kid: string; kty: string }[] };
    const token = (await tokensFor(cognito, { userPoolId: identity.userPoolId, clientId: identity.webClientId }, DEMO_USER)).accessToken;
    const header = JSON.parse(Buffer.from(token.split(".")[0] as string, "base64url").toString("utf8")) as { kid: string };
    expect(jwks.keys.map((key) => key.kid)).toContain(header.kid);
  });

  it("takes other demo credentials when given, and refuses ones the policy refuses", async () => {
    const other = await provisionLocalIdentity(moto.endpoint, {
      poolName: "second",
      user: { email: "someone@example.org", password: "Another-long-pw1" },
    });
    expect(other.userPoolId).not.toBe(identity.userPoolId);
    expect(other.users.user.email).toBe("someone@example.org");
    await expect(provisionLocalIdentity(moto.endpoint, { poolName: "third", user: { email: "x@example.org", password: "short" } })).rejects.toThrow(
      /password/i,
    );
  });
});
