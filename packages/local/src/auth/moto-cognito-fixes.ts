/**
 * Where moto 5.2.1's Cognito answers differ from AWS in a way the browser library trips on, and
 * the one place we undo it.
 *
 *   undoMotoCognitoDeviations(target, body) → body
 *     A NEW_PASSWORD_REQUIRED challenge from AWS carries `ChallengeParameters.userAttributes` and
 *     `.requiredAttributes` (JSON strings); moto sends neither, and amazon-cognito-identity-js's
 *     JSON.parse of them fails before the page can ask for a new password. The fix adds `"{}"` and
 *     `"[]"` (no attribute to collect, as with this platform's pools). Anything else passes untouched.
 *   revokeToken(motoEndpoint, body) → Promise<{ status, payload }>
 *     moto has no RevokeToken (sign-out's first call): it answers 500 without CORS headers, so the
 *     browser sees a network error and the library retries for about six seconds before it forgets
 *     the tokens. The front answers it instead: it turns the refresh token into an access token and
 *     signs that user out in moto (GlobalSignOut), after which the refresh token is refused, as
 *     AWS refuses a revoked one. Broader than AWS, which revokes only that token's session: moto
 *     ends every session of the user. An unknown or already revoked token is no error (RFC 7009).
 *   startCognitoFront(motoEndpoint) → Promise<LoopbackListener>
 *     A loopback proxy to moto that applies these fixes to Cognito's JSON answers: the endpoint the
 *     web app's sign-in library is pointed at in `pnpm dev`. Everything else (CORS, other services)
 *     is moto's own answer.
 *
 * Not bridged, because no client can tell: moto's SRP does not check the password (any password
 * signs in over SRP), and it accepts any TOTP code unless MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback, type LoopbackListener } from "@video-platform/aws-emulator";

const CHALLENGE_TARGETS = new Set(["InitiateAuth", "RespondToAuthChallenge", "AdminInitiateAuth", "AdminRespondToAuthChallenge"]);

/** `AWSCognitoIdentityProviderService.InitiateAuth` → `InitiateAuth`. */
function operationOf(target: string | undefined): string | undefined {
  return target?.split(".").pop();
}

export function undoMotoCognitoDeviations(target: string | undefined, body: unknown): unknown {
  if (!CHALLENGE_TARGETS.has(operationOf(target) ?? "") || !isRecord(body) || body["ChallengeName"] !== "NEW_PASSWORD_REQUIRED") {
    return body;
  }
  const parameters = isRecord(body["ChallengeParameters"]) ? body["ChallengeParameters"] : {};
  return {
    ...body,
    ChallengeParameters: { userAttributes: "{}", requiredAttributes: "[]", ...parameters },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Headers fetch manages itself, or that stop being true once a body is rewritten. */
const HOP_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive", "content-encoding"]);

/** One Cognito call straight to moto, as the SDK would make it. */
async function cognitoCall(motoEndpoint: string, operation: string, input: unknown): Promise<Record<string, unknown> | undefined> {
  const answer = await fetch(motoEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(input),
  });
  const body: unknown = await answer.json().catch(() => undefined);
  return answer.ok && isRecord(body) ? body : undefined;
}

export async function revokeToken(motoEndpoint: string, body: Buffer): Promise<{ status: number; payload: unknown }> {
  let input: unknown;
  try {
    input = JSON.parse(body.toString("utf8"));
  } catch {
    input = undefined;
  }
  const token = isRecord(input) ? input["Token"] : undefined;
  const clientId = isRecord(input) ? input["ClientId"] : undefined;
  if (typeof token !== "string" || typeof clientId !== "string") {
    return { status: 400, payload: { __type: "InvalidParameterException", message: "Token and ClientId are required" } };
  }
  const refreshed = await cognitoCall(motoEndpoint, "InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: clientId,
    AuthParameters: { REFRESH_TOKEN: token },
  });
  const result = refreshed?.["AuthenticationResult"];
  const accessToken = isRecord(result) ? result["AccessToken"] : undefined;
  if (typeof accessToken === "string") await cognitoCall(motoEndpoint, "GlobalSignOut", { AccessToken: accessToken });
  return { status: 200, payload: {} };
}

async function forward(motoEndpoint: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const origin = request.headers.origin;
  if (request.method === "POST" && operationOf(String(request.headers["x-amz-target"])) === "RevokeToken") {
    const answer = await revokeToken(motoEndpoint, await bodyOf(request));
    const payload = Buffer.from(JSON.stringify(answer.payload));
    response.writeHead(answer.status, {
      "content-type": "application/x-amz-json-1.1",
      "content-length": payload.length,
      ...(origin ? { "access-control-allow-origin": origin } : {}),
    });
    response.end(payload);
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name)) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.method !== "OPTIONS";
  const upstream = await fetch(new URL(request.url ?? "/", motoEndpoint), {
    method: request.method ?? "GET",
    headers,
    ...(hasBody ? { body: new Uint8Array(await bodyOf(request)) } : {}),
  });
  let payload = Buffer.from(await upstream.arrayBuffer());
  const target = request.headers["x-amz-target"];
  if (typeof target === "string" && /json/.test(upstream.headers.get("content-type") ?? "") && payload.length > 0) {
    try {
      payload = Buffer.from(JSON.stringify(undoMotoCognitoDeviations(target, JSON.parse(payload.toString("utf8")))));
    } catch {
      // Not JSON after all: pass moto's answer on as it is.
    }
  }
  upstream.headers.forEach((value, name) => {
    if (!HOP_HEADERS.has(name)) response.setHeader(name, value);
  });
  response.statusCode = upstream.status;
  response.setHeader("content-length", payload.length);
  response.end(payload);
}

export async function startCognitoFront(motoEndpoint: string, port = 0): Promise<LoopbackListener> {
  const server = createServer((request, response) => {
    forward(motoEndpoint, request, response).catch((error: unknown) => {
      response.statusCode = 502;
      response.end(JSON.stringify({ __type: "LocalCognitoFrontError", message: (error as Error).message }));
    });
  });
  return listenOnLoopback(server, port);
}
