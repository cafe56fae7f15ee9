import { AdminInitiateAuthCommand, CreateUserPoolClientCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";

export interface Tokens {
  readonly accessToken: string;
  readonly idToken: string;
  readonly refreshToken: string;
}

/** Tokens for a user, the quick way (an admin flow moto allows on any client): for tests that need a token, not a sign-in. */
export async function tokensFor(
  cognito: CognitoIdentityProviderClient,
  pool: { userPoolId: string; clientId: string },
  credentials: { email: string; password: string },
): Promise<Tokens> {
  const { AuthenticationResult: result } = await cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: pool.userPoolId,
      ClientId: pool.clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: credentials.email, PASSWORD: credentials.password },
    }),
  );
  if (!result?.AccessToken || !result.IdToken || !result.RefreshToken) throw new Error("moto returned no tokens");
  return { accessToken: result.AccessToken, idToken: result.IdToken, refreshToken: result.RefreshToken };
}

/** A second app client of the same pool: its tokens are genuine but meant for someone else. */
export async function otherClientOf(cognito: CognitoIdentityProviderClient, userPoolId: string): Promise<string> {
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: "some-other-app", GenerateSecret: false }),
  );
  if (!UserPoolClient?.ClientId) throw new Error("moto created no client");
  return UserPoolClient.ClientId;
}

/** The claims of a JWT, unverified: for asserting what a token says. */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split(".")[1];
  if (payload === undefined) throw new Error("not a JWT");
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}
