import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeCognitoUser {
  readonly sub: string;
  readonly email: string;
  password: string;
  readonly groups?: readonly string[];
  /** Invited: the first sign-in must set a new password. */
  mustChangePassword?: boolean;
  /** Has TOTP MFA: the one code it accepts. */
  readonly totpCode?: string;
  /** An admin asked for a new password: sign-in is refused until it is reset. */
  resetRequired?: boolean;
}

type Answer = { readonly status: number; readonly body: unknown };

const fail = (type: string, message: string, status = 400): Answer => ({ status, body: { __type: type, message } });

/**
 * Cognito's user-pool API as amazon-cognito-identity-js calls it (JSON over POST, `X-Amz-Target`),
 * on a loopback port: SRP sign-in with the new-password and TOTP challenges, refresh, forgotten
 * password, token revocation. Like moto, it does not check the SRP proof; a wrong password is
 * the test saying so (`wrongPassword`). Tokens are unsigned JWTs: the library only reads them.
 */
export class FakeCognito {
  readonly users = new Map<string, FakeCognitoUser>();
  readonly operations: string[] = [];
  /** Every request body as sent: what a password may never appear in. */
  readonly bodies: string[] = [];
  readonly revoked = new Set<string>();
  wrongPassword = false;
  /** Off: the ID token carries no e-mail (an app client that may not read it); GetUser still tells. */
  emailInIdToken = true;
  accessTokenLifetimeSeconds = 3600;
  endpoint = "";
  #server: Server | undefined;
  readonly #sessions = new Map<string, { email: string; challenge: string }>();
  readonly #refreshTokens = new Map<string, string>();
  readonly #resetCodes = new Map<string, string>();

  constructor(readonly clientId: string) {}

  async start(): Promise<void> {
    this.#server = createServer((request, response) => void this.#handle(request, response));
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
    this.endpoint = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const operation = String(request.headers["x-amz-target"] ?? "").split(".").pop() ?? "";
    this.operations.push(operation);
    const body = Buffer.concat(chunks).toString("utf8");
    this.bodies.push(body);
    const input = JSON.parse(body || "{}") as Record<string, unknown>;
    const known = input["ClientId"] === this.clientId || operation === "GetUser";
    const answer = known ? this.#answer(operation, input) : fail("ResourceNotFoundException", "No such client");
    response.writeHead(answer.status, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify(answer.body));
  }

  #answer(operation: string, input: Record<string, unknown>): Answer {
    const parameters = (input["AuthParameters"] ?? {}) as Record<string, string>;
    const responses = (input["ChallengeResponses"] ?? {}) as Record<string, string>;
    switch (operation) {
      case "InitiateAuth":
        if (input["AuthFlow"] === "REFRESH_TOKEN_AUTH") return this.#refresh(parameters["REFRESH_TOKEN"] ?? "");
        return this.#startSrp(parameters["USERNAME"] ?? "");
      case "RespondToAuthChallenge":
        return this.#challengeAnswer(String(input["ChallengeName"]), String(input["Session"] ?? ""), responses);
      case "ForgotPassword": {
        const user = this.users.get(String(input["Username"]));
        if (user === undefined) return fail("UserNotFoundException", "Username/client id combination not found.");
        this.#resetCodes.set(user.email, "135790");
        return { status: 200, body: { CodeDeliveryDetails: { Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" } } };
      }
      case "ConfirmForgotPassword": {
        const user = this.users.get(String(input["Username"]));
        if (user === undefined || this.#resetCodes.get(user.email) !== input["ConfirmationCode"]) return fail("CodeMismatchException", "Invalid verification code provided, please try again.");
        if (String(input["Password"]).length < 12) return fail("InvalidPasswordException", "Password did not conform with policy: Password not long enough");
        user.password = String(input["Password"]);
        user.resetRequired = false;
        return { status: 200, body: {} };
      }
      case "GetUser": {
        const claims = JSON.parse(Buffer.from(String(input["AccessToken"]).split(".")[1] ?? "", "base64url").toString("utf8")) as { sub?: string };
        const user = [...this.users.values()].find((candidate) => candidate.sub === claims.sub);
        if (user === undefined) return fail("NotAuthorizedException", "Invalid Access Token");
        return { status: 200, body: { Username: user.sub, UserAttributes: [{ Name: "sub", Value: user.sub }, { Name: "email", Value: user.email }] } };
      }
      case "RevokeToken":
        this.revoked.add(String(input["Token"]));
        return { status: 200, body: {} };
      default:
        return fail("InvalidAction", `${operation} is not faked`);
    }
  }

  #startSrp(email: string): Answer {
    const user = this.users.get(email);
    if (user === undefined) return fail("UserNotFoundException", "User does not exist.");
    if (user.resetRequired === true) return fail("PasswordResetRequiredException", "Password reset required for the user");
    return {
      status: 200,
      body: {
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeParameters: {
          SALT: randomBytes(16).toString("hex"),
          SECRET_BLOCK: randomBytes(64).toString("base64"),
          SRP_B: `1${randomBytes(383).toString("hex")}`,
          USERNAME: user.sub,
          USER_ID_FOR_SRP: user.sub,
        },
      },
    };
  }

  #challengeAnswer(challenge: string, session: string, responses: Record<string, string>): Answer {
    if (challenge === "PASSWORD_VERIFIER") {
      const user = [...this.users.values()].find((candidate) => candidate.sub === responses["USERNAME"]);
      if (user === undefined || this.wrongPassword) return fail("NotAuthorizedException", "Incorrect username or password.");
      if (user.mustChangePassword === true) {
        return this.#challenge(user, "NEW_PASSWORD_REQUIRED", { userAttributes: JSON.stringify({ email: user.email }), requiredAttributes: "[]" });
      }
      return this.#secondFactor(user);
    }
    const pending = this.#sessions.get(session);
    this.#sessions.delete(session);
    const user = pending === undefined ? undefined : this.users.get(pending.email);
    if (user === undefined || pending?.challenge !== challenge) return fail("NotAuthorizedException", "Invalid session for the user, session is expired.");
    if (challenge === "NEW_PASSWORD_REQUIRED") {
      if ((responses["NEW_PASSWORD"] ?? "").length < 12) return fail("InvalidPasswordException", "Password does not conform to policy");
      user.password = responses["NEW_PASSWORD"] ?? "";
      user.mustChangePassword = false;
      return this.#secondFactor(user);
    }
    if (challenge === "SOFTWARE_TOKEN_MFA" && responses["SOFTWARE_TOKEN_MFA_CODE"] === user.totpCode) return this.#tokens(user, true);
    return fail("CodeMismatchException", "Invalid code received for user");
  }

  #secondFactor(user: FakeCognitoUser): Answer {
    return user.totpCode === undefined ? this.#tokens(user, true) : this.#challenge(user, "SOFTWARE_TOKEN_MFA", {});
  }

  #challenge(user: FakeCognitoUser, name: string, parameters: Record<string, string>): Answer {
    const session = randomUUID();
    this.#sessions.set(session, { email: user.email, challenge: name });
    return { status: 200, body: { ChallengeName: name, Session: session, ChallengeParameters: parameters } };
  }

  #refresh(refreshToken: string): Answer {
    const email = this.#refreshTokens.get(refreshToken);
    const user = email === undefined ? undefined : this.users.get(email);
    if (user === undefined || this.revoked.has(refreshToken)) return fail("NotAuthorizedException", "Refresh Token has been revoked");
    return this.#tokens(user, false);
  }

  #tokens(user: FakeCognitoUser, withRefreshToken: boolean): Answer {
    const now = Math.floor(Date.now() / 1000);
    const common = { sub: user.sub, iat: now, exp: now + this.accessTokenLifetimeSeconds, origin_jti: randomUUID() };
    const groups = user.groups === undefined ? {} : { "cognito:groups": user.groups };
    const refreshToken = `refresh-${randomUUID()}`;
    this.#refreshTokens.set(refreshToken, user.email);
    return {
      status: 200,
      body: {
        AuthenticationResult: {
          AccessToken: jwt({ ...common, ...groups, token_use: "access", client_id: this.clientId, username: user.sub }),
          IdToken: jwt({ ...common, ...groups, token_use: "id", aud: this.clientId, ...(this.emailInIdToken ? { email: user.email } : {}) }),
          ...(withRefreshToken ? { RefreshToken: refreshToken } : {}),
          ExpiresIn: this.accessTokenLifetimeSeconds,
          TokenType: "Bearer",
        },
      },
    };
  }
}

function jwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(payload)}.unsigned`;
}
