/**
 * The local stand-in for the HTTP API's JWT authorizer.
 *
 *   createAccessTokenVerifier({ issuer, clientId, jwksUrl }) → AccessTokenVerifier
 *   verifier.verify(authorizationHeader) → Promise<AccessTokenVerdict>
 *     { ok: true, caller: { sub, username, groups, clientId, claims } }
 *     { ok: false, reason, detail }  reason ∈ ACCESS_TOKEN_REFUSALS; the API front answers 401.
 *   apiGatewayJwtClaims(claims) → Record<string, string>
 *     The claims as the authorizer hands them to Lambda (`requestContext.authorizer.jwt.claims`):
 *     every value a string, arrays written `[a b]`.
 *
 * It checks what the authorizer checks: the RS256 signature against the pool's JWKS, `iss` equal
 * to the pool's issuer, `client_id` equal to the web client (API Gateway's audience check for
 * access tokens), `token_use` = access, `exp` present and not passed, `nbf`/`iat` not in the
 * future. The verifying is aws-jwt-verify's; moto serves the JWKS over plain HTTP at its own
 * address while writing the AWS-style issuer in tokens, so the verifier is given both, and the
 * JWKS is fetched with `fetch` (aws-jwt-verify's own Node fetcher speaks HTTPS only).
 */
import { JwtVerifier } from "aws-jwt-verify";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  FetchError,
  JwkInvalidKtyError,
  JwkInvalidUseError,
  JwksNotAvailableInCacheError,
  JwksValidationError,
  JwkValidationError,
  JwtBaseError,
  JwtExpiredError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  WaitPeriodNotYetEndedJwkError,
} from "aws-jwt-verify/error";
import type { Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import type { JwtPayload } from "aws-jwt-verify/jwt-model";
import { groupsOfClaim } from "@video-platform/shared-types";

export interface AccessTokenVerifierOptions {
  /** The pool's issuer as written in its tokens: `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  readonly issuer: string;
  /** The web app's client id: the only audience the APIs accept. */
  readonly clientId: string;
  /** Where the pool's keys are served (moto: `<endpoint>/<poolId>/.well-known/jwks.json`). */
  readonly jwksUrl: string;
}

export interface Caller {
  readonly sub: string;
  readonly username: string;
  readonly groups: readonly string[];
  readonly clientId: string;
  readonly claims: Readonly<JwtPayload>;
}

export const ACCESS_TOKEN_REFUSALS = [
  "missing",
  "malformed",
  "bad-signature",
  "wrong-issuer",
  "wrong-client",
  "not-an-access-token",
  "expired",
  "not-yet-valid",
  "keys-unavailable",
] as const;
export type AccessTokenRefusal = (typeof ACCESS_TOKEN_REFUSALS)[number];

export type AccessTokenVerdict =
  | { readonly ok: true; readonly caller: Caller }
  | { readonly ok: false; readonly reason: AccessTokenRefusal; readonly detail: string };

export interface AccessTokenVerifier {
  verify(authorization: string | undefined): Promise<AccessTokenVerdict>;
}

/** aws-jwt-verify's errors, named as the refusal a caller gets. Order matters: subclasses first. */
const REFUSAL_OF_ERROR: readonly (readonly [abstract new (...args: never[]) => Error, AccessTokenRefusal])[] = [
  [JwtExpiredError, "expired"],
  [JwtNotBeforeError, "not-yet-valid"],
  [JwtInvalidIssuerError, "wrong-issuer"],
  [CognitoJwtInvalidClientIdError, "wrong-client"],
  [CognitoJwtInvalidTokenUseError, "not-an-access-token"],
  [JwtInvalidSignatureError, "bad-signature"],
  [JwtInvalidSignatureAlgorithmError, "bad-signature"],
  [KidNotFoundInJwksError, "bad-signature"],
  [JwkInvalidKtyError, "bad-signature"],
  [JwkInvalidUseError, "bad-signature"],
  [JwtParseError, "malformed"],
  [JwtWithoutValidKidError, "malformed"],
  [FetchError, "keys-unavailable"],
  [JwksValidationError, "keys-unavailable"],
  [JwkValidationError, "keys-unavailable"],
  [JwksNotAvailableInCacheError, "keys-unavailable"],
  [WaitPeriodNotYetEndedJwkError, "bad-signature"],
];

function refusalOf(error: JwtBaseError): AccessTokenRefusal {
  for (const [type, refusal] of REFUSAL_OF_ERROR) if (error instanceof type) return refusal;
  return "malformed";
}

/** The authorizer takes the token with or without the `Bearer ` scheme. */
function tokenOf(authorization: string | undefined): string | undefined {
  const token = authorization?.trim().replace(/^Bearer(?:\s+|$)/i, "");
  return token ? token : undefined;
}

/** Fetches the JWKS with the platform's `fetch`, which (unlike aws-jwt-verify's Node fetcher) speaks plain HTTP to moto. */
const loopbackFetcher: Fetcher = {
  async fetch(uri) {
    let response: Response;
    try {
      response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    } catch (error) {
      throw new FetchError(uri, (error as Error).message);
    }
    if (!response.ok) throw new FetchError(uri, `HTTP ${response.status}`);
    return response.arrayBuffer();
  },
};

/** Checks the authorizer makes that aws-jwt-verify leaves to the caller. */
function checkTimesAndPresence(payload: JwtPayload): void {
  const now = Date.now() / 1000;
  if (typeof payload.exp !== "number") throw new JwtParseError("the token has no exp claim");
  if (typeof payload.iat === "number" && payload.iat > now) {
    throw new JwtNotBeforeError(`the token was issued in the future (iat ${payload.iat})`, payload.iat);
  }
  if (typeof payload.sub !== "string" || payload.sub.length === 0) throw new JwtParseError("the token has no sub claim");
}

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const verifier = JwtVerifier.create(
    {
      issuer: options.issuer,
      jwksUri: options.jwksUrl,
      // Access tokens carry no `aud`; the client is checked on `client_id` below, as API Gateway does.
      audience: null,
      customJwtCheck: ({ payload }) => {
        validateCognitoJwtFields(payload, { tokenUse: "access", clientId: options.clientId });
        checkTimesAndPresence(payload);
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: loopbackFetcher }) },
  );

  return {
    async verify(authorization) {
      const token = tokenOf(authorization);
      if (token === undefined) return { ok: false, reason: "missing", detail: "no bearer token in the Authorization header" };
      let claims: JwtPayload;
      try {
        claims = await verifier.verify(token);
      } catch (error) {
        if (error instanceof JwtBaseError) return { ok: false, reason: refusalOf(error), detail: error.message };
        throw error;
      }
      return {
        ok: true,
        caller: {
          sub: claims.sub as string,
          username: typeof claims.username === "string" ? claims.username : (claims.sub as string),
          groups: groupsOfClaim(claims["cognito:groups"]),
          clientId: options.clientId,
          claims,
        },
      };
    },
  };
}

/** A claim's value as the HTTP API authorizer passes it on: strings as they are, arrays as `[a b]`, the rest as JSON. */
function claimAsApiGatewayString(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(claimAsApiGatewayString).join(" ")}]`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The claims the way payload format 2.0 carries them in `requestContext.authorizer.jwt.claims`. */
export function apiGatewayJwtClaims(claims: Readonly<JwtPayload>): Record<string, string> {
  const rendered: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value !== undefined && value !== null) rendered[name] = claimAsApiGatewayString(value);
  }
  return rendered;
}
