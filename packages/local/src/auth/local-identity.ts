/**
 * Local identity: the Cognito user pool of `pnpm dev`, in moto.
 *
 *   provisionLocalIdentity(endpoint, options?) → Promise<LocalIdentity>
 *     Creates, in the moto_server at `endpoint`: a user pool (e-mail as the user name, the
 *     platform's password policy, optional TOTP MFA), the public web client (no secret; SRP and
 *     refresh flows; 1 h access / 30 d refresh tokens), the `admin` group, and two demo users
 *     with permanent passwords: `user` (no group) and `admin` (member of `admin`).
 *   LocalIdentity: { region, userPoolId, webClientId, issuer, jwksUrl, users: { user, admin } }
 *     `issuer` is the AWS-style `https://cognito-idp.<region>.amazonaws.com/<poolId>` that moto
 *     writes in its tokens; `jwksUrl` is where moto serves the pool's keys.
 *   addLocalUser(endpoint, userPoolId, credentials, groups?) → Promise<DemoUser>: one more account.
 *   DemoUser: { email, password, sub }
 *
 * Everything is created as infra's `UserPool` construct creates it on AWS, from the same facts in
 * shared-types, so that what `pnpm dev` accepts is what AWS accepts (as far as moto checks).
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  ACCESS_TOKEN_VALIDITY_MINUTES,
  ADMIN_GROUP,
  cognitoIssuer,
  ID_TOKEN_VALIDITY_MINUTES,
  PASSWORD_POLICY,
  REFRESH_TOKEN_VALIDITY_DAYS,
  TEMPORARY_PASSWORD_VALIDITY_DAYS,
  WEB_CLIENT_AUTH_FLOWS,
} from "@video-platform/shared-types";
import { LOCAL_RESOURCES, motoClientConfig } from "../local-resources.js";

export interface DemoUser {
  readonly email: string;
  readonly password: string;
  /** The user's `sub`: the owner id their uploads carry. */
  readonly sub: string;
}

export interface LocalIdentity {
  readonly region: string;
  readonly userPoolId: string;
  readonly webClientId: string;
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly users: { readonly user: DemoUser; readonly admin: DemoUser };
}

export interface DemoCredentials {
  readonly email: string;
  readonly password: string;
}

export interface LocalIdentityOptions {
  readonly poolName?: string;
  readonly user?: DemoCredentials;
  readonly admin?: DemoCredentials;
}

/**
 * The demo accounts `pnpm dev` prints. Only ever valid in a local moto_server, which starts
 * empty each time; fixed so that a browser's password manager keeps working across restarts.
 */
export const DEMO_USER: DemoCredentials = { email: "demo@example.com", password: "Local-demo-video1" };
export const DEMO_ADMIN: DemoCredentials = { email: "admin@example.com", password: "Local-admin-video1" };

export class LocalIdentityError extends Error {
  override readonly name = "LocalIdentityError";
}

/** A Cognito client on the moto_server at `endpoint` (the caller destroys it). */
export function cognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(motoClientConfig(endpoint));
}

async function createPool(cognito: CognitoIdentityProviderClient, poolName: string): Promise<string> {
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: poolName,
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Policies: {
        PasswordPolicy: {
          MinimumLength: PASSWORD_POLICY.minimumLength,
          RequireLowercase: PASSWORD_POLICY.requireLowercase,
          RequireUppercase: PASSWORD_POLICY.requireUppercase,
          RequireNumbers: PASSWORD_POLICY.requireNumbers,
          RequireSymbols: PASSWORD_POLICY.requireSymbols,
          TemporaryPasswordValidityDays: TEMPORARY_PASSWORD_VALIDITY_DAYS,
        },
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
    }),
  );
  if (!UserPool?.Id) throw new LocalIdentityError("moto created no user pool");
  await cognito.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: UserPool.Id,
      MfaConfiguration: "OPTIONAL",
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  return UserPool.Id;
}

async function createWebClient(cognito: CognitoIdentityProviderClient, userPoolId: string): Promise<string> {
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: "web",
      GenerateSecret: false,
      ExplicitAuthFlows: [...WEB_CLIENT_AUTH_FLOWS],
      AccessTokenValidity: ACCESS_TOKEN_VALIDITY_MINUTES,
      IdTokenValidity: ID_TOKEN_VALIDITY_MINUTES,
      RefreshTokenValidity: REFRESH_TOKEN_VALIDITY_DAYS,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" },
      PreventUserExistenceErrors: "ENABLED",
      EnableTokenRevocation: true,
      // A client without a list reads every attribute on AWS (infra's sets none). moto instead
      // writes the user's internal name as the ID token's `email` after an SRP sign-in unless the
      // client lists `email`: listing it gives the web app the e-mail AWS would put there.
      ReadAttributes: ["email", "email_verified"],
    }),
  );
  if (!UserPoolClient?.ClientId) throw new LocalIdentityError("moto created no user pool client");
  return UserPoolClient.ClientId;
}

async function createDemoUser(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  credentials: DemoCredentials,
  groups: readonly string[],
): Promise<DemoUser> {
  const { User } = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: credentials.email,
      UserAttributes: [
        { Name: "email", Value: credentials.email },
        { Name: "email_verified", Value: "true" },
      ],
      // No invitation e-mail: the password is set right below.
      MessageAction: "SUPPRESS",
    }),
  );
  const sub = User?.Attributes?.find((attribute) => attribute.Name === "sub")?.Value;
  if (!sub) throw new LocalIdentityError(`moto created ${credentials.email} without a sub`);
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: credentials.email,
      Password: credentials.password,
      Permanent: true,
    }),
  );
  for (const group of groups) {
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: credentials.email, GroupName: group }));
  }
  return { ...credentials, sub };
}

/** One more account in the local pool, with a permanent password (tests: a second user; a second admin). */
export async function addLocalUser(
  endpoint: string,
  userPoolId: string,
  credentials: DemoCredentials,
  groups: readonly string[] = [],
): Promise<DemoUser> {
  const cognito = cognitoClient(endpoint);
  try {
    return await createDemoUser(cognito, userPoolId, credentials, groups);
  } finally {
    cognito.destroy();
  }
}

/** Creates the local user pool, its web client, the admin group and the two demo users. */
export async function provisionLocalIdentity(endpoint: string, options: LocalIdentityOptions = {}): Promise<LocalIdentity> {
  const cognito = cognitoClient(endpoint);
  try {
    const userPoolId = await createPool(cognito, options.poolName ?? `${LOCAL_RESOURCES.platformId}-users`);
    const webClientId = await createWebClient(cognito, userPoolId);
    await cognito.send(
      new CreateGroupCommand({
        UserPoolId: userPoolId,
        GroupName: ADMIN_GROUP,
        Description: "Acts on every upload and sees each one's owner.",
      }),
    );
    const user = await createDemoUser(cognito, userPoolId, options.user ?? DEMO_USER, []);
    const admin = await createDemoUser(cognito, userPoolId, options.admin ?? DEMO_ADMIN, [ADMIN_GROUP]);
    return {
      region: LOCAL_RESOURCES.region,
      userPoolId,
      webClientId,
      issuer: cognitoIssuer(LOCAL_RESOURCES.region, userPoolId),
      jwksUrl: `${endpoint.replace(/\/+$/, "")}/${userPoolId}/.well-known/jwks.json`,
      users: { user, admin },
    };
  } finally {
    cognito.destroy();
  }
}
