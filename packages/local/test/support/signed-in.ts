/**
 * A signed-in caller of a running local platform, for tests and benches that need a token rather
 * than a sign-in page: the same access token the web app gets, sent the way it sends it.
 */
import { cognitoClient, type DemoCredentials } from "../../src/auth/local-identity.js";
import type { LocalPlatform } from "../../src/index.js";
import { claimsOf, tokensFor } from "../auth/support/cognito-sign-in.js";

export interface SignedInCaller {
  readonly email: string;
  readonly sub: string;
  readonly accessToken: string;
  /** `fetch` on the platform's one origin (`/api/...`, `/vod/...`) with `Authorization: Bearer <access token>`. */
  api(path: string, init?: RequestInit): Promise<Response>;
}

export async function signedInAs(platform: LocalPlatform, credentials: DemoCredentials): Promise<SignedInCaller> {
  const cognito = cognitoClient(platform.awsEndpoint);
  try {
    const { accessToken } = await tokensFor(
      cognito,
      { userPoolId: platform.identity.userPoolId, clientId: platform.identity.webClientId },
      credentials,
    );
    return {
      email: credentials.email,
      sub: String(claimsOf(accessToken)["sub"]),
      accessToken,
      api: (path, init = {}) => {
        const headers = new Headers(init.headers);
        headers.set("authorization", `Bearer ${accessToken}`);
        return fetch(new URL(path, platform.webUrl), { ...init, headers });
      },
    };
  } finally {
    cognito.destroy();
  }
}

/** The `Cookie` header a browser would send back for a response's `Set-Cookie` headers (names and values only). */
export function cookieHeaderOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .join("; ");
}
