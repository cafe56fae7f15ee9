import type { Caller } from "@video-platform/shared-types";

/** The people of the handler tests: an uploader, someone else signed in, and an admin. */
export const OWNER: Caller = { sub: "11111111-aaaa-4aaa-8aaa-000000000001", isAdmin: false };
export const OTHER_USER: Caller = { sub: "22222222-bbbb-4bbb-8bbb-000000000002", isAdmin: false };
export const ADMIN: Caller = { sub: "33333333-cccc-4ccc-8ccc-000000000003", isAdmin: true };

/**
 * The claims API Gateway's JWT authorizer hands to Lambda for a caller: every value a string,
 * `cognito:groups` written as `[admin]`.
 */
export function claimsOf(caller: Caller): Record<string, string> {
  return {
    sub: caller.sub,
    token_use: "access",
    client_id: "web-client",
    ...(caller.isAdmin ? { "cognito:groups": "[admin]" } : {}),
  };
}
