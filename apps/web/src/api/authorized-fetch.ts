import { signedOutError } from "./api-errors.js";
import type { FetchLike } from "./json-request.js";

/** Where API calls get their credential: the signed-in session. */
export interface AccessTokenSource {
  /** The access token to send now (refreshed first when it is about to expire); undefined when signed out. */
  accessToken(): Promise<string | undefined>;
  /** The API refused this token (401): the session it belongs to is over. */
  tokenRejected(accessToken: string): void;
}

/**
 * The `fetch` both API clients use: every call carries `Authorization: Bearer <access token>`, and
 * a 401 ends the session the token belongs to (the page then asks to sign in again and says why).
 * Nobody signed in: the call is refused here with the 401 the API would give, never sent bare.
 */
export function authorizedFetch(fetchFn: FetchLike, tokens: AccessTokenSource): FetchLike {
  return async (input, init = {}) => {
    const token = await tokens.accessToken();
    if (token === undefined) throw signedOutError();
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    const response = await fetchFn(input, { ...init, headers });
    if (response.status === 401) tokens.tokenRejected(token);
    return response;
  };
}
