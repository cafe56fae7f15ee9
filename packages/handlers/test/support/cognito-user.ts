import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";

const PASSWORD = "Handler-test-password1";

/**
 * A user pool on moto with one signed-in user: their `sub` and the access token the web app
 * would send as `Authorization: Bearer ...`.
 */
export async function signedInCognitoUser(email: string): Promise<{ sub: string; accessToken: string }> {
  const cognito = new CognitoIdentityProviderClient({});
  try {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: `pool-${Date.now()}`, UsernameAttributes: ["email"] }));
    const UserPoolId = UserPool?.Id;
    const { UserPoolClient } = await cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId, ClientName: "web", ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH"] }),
    );
    const { User } = await cognito.send(
      new AdminCreateUserCommand({ UserPoolId, Username: email, UserAttributes: [{ Name: "email", Value: email }], MessageAction: "SUPPRESS" }),
    );
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: PASSWORD, Permanent: true }));
    const { AuthenticationResult } = await cognito.send(
      new AdminInitiateAuthCommand({
        UserPoolId,
        ClientId: UserPoolClient?.ClientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: email, PASSWORD },
      }),
    );
    const sub = User?.Attributes?.find((attribute) => attribute.Name === "sub")?.Value ?? "";
    return { sub, accessToken: AuthenticationResult?.AccessToken ?? "" };
  } finally {
    cognito.destroy();
  }
}
