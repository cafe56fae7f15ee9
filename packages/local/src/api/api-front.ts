import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { methodsOf, type RouteAccess } from "@video-platform/shared-types";
import { apiGatewayJwtClaims, type AccessTokenVerifier } from "../auth/access-token-verifier.js";
import { matchRoute, toApiGatewayEvent } from "./api-gateway-event.js";
import { INTERNAL_SERVER_ERROR, ROUTE_NOT_FOUND, toHttpReply, UNAUTHORIZED, type HttpReply } from "./api-gateway-result.js";
import { corsHeaders, preflightHeaders, type CorsPolicy } from "./cors-policy.js";
import { listenOnLoopback } from "@video-platform/aws-emulator";

/** A route and the function behind it. */
export interface ApiFrontRoute {
  readonly routeKey: string;
  readonly access: RouteAccess;
  readonly invoke: (event: unknown) => Promise<unknown>;
}

export interface ApiFrontOptions {
  /** Shown in logs and used as the API id. */
  readonly name: string;
  readonly routes: readonly ApiFrontRoute[];
  /** The JWT authorizer's checks, for the `signed-in` routes (required when there is one). */
  readonly verifier?: AccessTokenVerifier;
  /** Origins CORS allows (the APIs are same-origin behind the static front: none needed there). */
  readonly allowOrigins: readonly string[];
  readonly port?: number;
  readonly log?: (line: string) => void;
}

export interface RunningApiFront {
  /** Base URL, without a trailing slash. */
  readonly url: string;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024; // API Gateway's payload limit

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, reply: HttpReply, extraHeaders: Record<string, string>): void {
  response.writeHead(reply.statusCode, { ...reply.headers, ...extraHeaders, "content-length": String(reply.body.length) });
  response.end(reply.body);
}

export class ApiFrontConfigurationError extends Error {
  override readonly name = "ApiFrontConfigurationError";
}

/** What the route's authorizer decided: let through (with the claims it hands on), or refused and why. */
type AuthorizerVerdict =
  | { readonly ok: true; readonly jwtClaims?: Record<string, string> }
  | { readonly ok: false; readonly reason: string };

/** API Gateway's authorizer for a route of this access: none for `public`, the JWT checks for `signed-in`. */
async function authorize(access: RouteAccess, verifier: AccessTokenVerifier, authorization: string | undefined): Promise<AuthorizerVerdict> {
  switch (access) {
    case "public":
      return { ok: true };
    case "signed-in": {
      const verdict = await verifier.verify(authorization);
      if (!verdict.ok) return { ok: false, reason: `${verdict.reason}: ${verdict.detail}` };
      return { ok: true, jwtClaims: apiGatewayJwtClaims(verdict.caller.claims) };
    }
  }
}

const NO_VERIFIER: AccessTokenVerifier = {
  verify: () => Promise.resolve({ ok: false, reason: "keys-unavailable", detail: "this API front has no verifier" }),
};

/**
 * An HTTP API (payload format 2.0) in front of its routes' functions: routes, the JWT authorizer on
 * `signed-in` routes (a refusal is API Gateway's 401 `{"message":"Unauthorized"}`, and the function
 * is never invoked), CORS, and API Gateway's own errors.
 */
export async function startApiFront(options: ApiFrontOptions): Promise<RunningApiFront> {
  const log = options.log ?? (() => undefined);
  const signedIn = options.routes.filter((route) => route.access === "signed-in");
  if (signedIn.length > 0 && !options.verifier) {
    throw new ApiFrontConfigurationError(`${options.name}: ${signedIn[0]?.routeKey} needs a signed-in caller, but no token verifier was given`);
  }
  const verifier = options.verifier ?? NO_VERIFIER;
  const routeKeys = options.routes.map((route) => route.routeKey);
  const byKey = new Map(options.routes.map((route) => [route.routeKey, route]));
  const cors: CorsPolicy = {
    allowOrigins: options.allowOrigins,
    allowMethods: methodsOf(routeKeys),
    allowHeaders: ["authorization", "content-type"],
    maxAgeSeconds: 600,
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const origin = request.headers.origin;
    const method = request.method ?? "GET";
    const url = request.url ?? "/";
    if (method === "OPTIONS" && request.headers["access-control-request-method"]) {
      const headers = preflightHeaders(cors, origin, request.headers["access-control-request-method"]);
      response.writeHead(204, headers).end();
      return;
    }
    const allowed = corsHeaders(cors, origin);
    const route = matchRoute(method, new URL(url, "http://api.local").pathname, routeKeys);
    const target = route && byKey.get(route.routeKey);
    if (!route || !target) {
      send(response, ROUTE_NOT_FOUND, allowed);
      return;
    }
    const authorizer = await authorize(target.access, verifier, request.headers.authorization);
    if (!authorizer.ok) {
      log(`${options.name}: ${route.routeKey} → 401 (${authorizer.reason})`);
      send(response, UNAUTHORIZED, allowed);
      return;
    }
    const body = await readBody(request);
    if (!body) {
      send(response, { ...ROUTE_NOT_FOUND, statusCode: 413, body: Buffer.from('{"message":"Request Entity Too Large"}') }, allowed);
      return;
    }
    const event = toApiGatewayEvent(
      {
        method,
        url,
        headers: request.headers,
        body,
        sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
        domainName: request.headers.host ?? "127.0.0.1",
        apiId: options.name,
      },
      route,
      authorizer.jwtClaims ? { jwtClaims: authorizer.jwtClaims } : {},
    );
    try {
      const reply = toHttpReply(await target.invoke(event));
      log(`${options.name}: ${route.routeKey} → ${reply.statusCode}`);
      send(response, reply, allowed);
    } catch (error) {
      log(`${options.name}: ${route.routeKey} failed: ${(error as Error).message}`);
      send(response, INTERNAL_SERVER_ERROR, allowed);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`${options.name}: ${String(error)}`);
      if (!response.headersSent) send(response, INTERNAL_SERVER_ERROR, {});
    });
  });
  const listener = await listenOnLoopback(server, options.port);
  return { url: listener.url, stop: listener.close };
}
