import { groupsOfClaim, isAdmin } from "./identity.js";

/**
 * Who is calling, as the API's JWT authorizer vouched for it: the user's `sub` and whether they
 * are an admin. Handlers receive this and nothing else about the token.
 */
export interface Caller {
  /** The Cognito user's `sub`: the owner id stamped on every upload they start. */
  readonly sub: string;
  readonly isAdmin: boolean;
}

/**
 * The caller from the claims API Gateway hands to Lambda (`requestContext.authorizer.jwt.claims`,
 * every value a string) or from a verified token's payload. Undefined when there is no usable
 * subject: the route was reached without the authorizer, which must answer 401, never proceed.
 */
export function callerFromClaims(claims: Readonly<Record<string, unknown>> | undefined): Caller | undefined {
  const sub = claims?.["sub"];
  if (typeof sub !== "string" || sub.length === 0) return undefined;
  return { sub, isAdmin: isAdmin(groupsOfClaim(claims?.["cognito:groups"])) };
}

/**
 * The ownership rule: an upload is acted on (read, signed, completed, aborted, deleted, played)
 * by its owner or by an admin, by nobody else. Everyone else is told it does not exist (404), so
 * that an id cannot be probed for.
 */
export function mayActOn(caller: Caller, ownerId: string | undefined): boolean {
  return caller.isAdmin || (ownerId !== undefined && ownerId === caller.sub);
}
