/**
 * Who may sign in and what a signed-in caller is, stated once for the user pool (infra), moto's
 * pool (`pnpm dev`), the API's owner checks (handlers) and the sign-in page (web app).
 *
 * The web app calls the APIs with the Cognito access token; the JWT authorizer checks it against
 * the pool's issuer and the web client (`client_id`). Admins are members of one Cognito group.
 */

/** Members of this Cognito group act on every upload and see each one's owner. */
export const ADMIN_GROUP = "admin";

/**
 * Length is what makes a password hard to guess; 12 characters with three character classes
 * (no mandatory symbol, which mostly produces `Password1!`) is the policy of every environment.
 */
export const PASSWORD_POLICY = {
  minimumLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: false,
} as const;

/** Days an invitation's temporary password stays valid. */
export const TEMPORARY_PASSWORD_VALIDITY_DAYS = 7;

/** An access token lives an hour (what a stolen one is worth); the refresh token a month (how often people sign in). */
export const ACCESS_TOKEN_VALIDITY_MINUTES = 60;
export const ID_TOKEN_VALIDITY_MINUTES = 60;
export const REFRESH_TOKEN_VALIDITY_DAYS = 30;

/** The web client signs in over SRP (the password never leaves the browser) and refreshes quietly; nothing else. */
export const WEB_CLIENT_AUTH_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] as const;

/** The `iss` of every token a Cognito user pool issues. */
export function cognitoIssuer(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/**
 * The groups in a `cognito:groups` claim. In the token it is an array; the HTTP API JWT
 * authorizer hands claims to Lambda as strings and writes an array as `[admin editors]`.
 */
export function groupsOfClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === "string");
  if (typeof value !== "string") return [];
  const inner = value.startsWith("[") && value.endsWith("]") ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter((group) => group.length > 0);
}

export function isAdmin(groups: readonly string[]): boolean {
  return groups.includes(ADMIN_GROUP);
}
