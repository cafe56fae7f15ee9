/**
 * The local stand-in for CloudFront's check of signed cookies on a behaviour that trusts a key group.
 *
 *   createSignedCookieCheck(trustedKeys) → (request) → SignedCookieVerdict
 *     trustedKeys: Record<keyPairId, public key PEM> (CloudFront: the key group's public keys).
 *     request: { url, cookie?, sourceIp?, now? }: the full requested URL (with query string),
 *       the `Cookie` header, the viewer's address.
 *     { ok: true, keyPairId, expiresAt } or { ok: false, reason, detail }; the static front
 *     answers 403 to a refusal. reason ∈ SIGNED_COOKIE_REFUSALS.
 *   decodeCloudFrontBase64(text): CloudFront's URL-safe base64 (`-`→`+`, `_`→`=`, `~`→`/`).
 *
 * As CloudFront does: the policy comes from `CloudFront-Policy` (custom policy) or is rebuilt
 * from `CloudFront-Expires` and the requested URL (canned policy); `CloudFront-Signature` must be
 * the RSA signature (SHA-1, or SHA-256 with `CloudFront-Hash-Algorithm: SHA256`) of exactly that
 * policy by the key `CloudFront-Key-Pair-Id` names; the statement's Resource (`*` any run of
 * characters, `?` one) must match the URL; `DateLessThan` must not have passed, `DateGreaterThan`
 * must have, and the viewer must be inside `IpAddress` when given. When a browser sends two
 * cookies of one name (paths `/vod/` and `/vod/a/`), the first, the most specific, counts.
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { PLAYBACK_COOKIE_NAMES } from "@video-platform/shared-types";

export interface SignedCookieRequest {
  readonly url: string;
  readonly cookie: string | undefined;
  readonly sourceIp?: string;
  readonly now?: Date;
}

export const SIGNED_COOKIE_REFUSALS = [
  "missing-cookies",
  "malformed-policy",
  "untrusted-key",
  "bad-signature",
  "other-resource",
  "expired",
  "not-yet-valid",
  "other-address",
] as const;
export type SignedCookieRefusal = (typeof SIGNED_COOKIE_REFUSALS)[number];

export type SignedCookieVerdict =
  | { readonly ok: true; readonly keyPairId: string; readonly expiresAt: Date }
  | { readonly ok: false; readonly reason: SignedCookieRefusal; readonly detail: string };

export type SignedCookieCheck = (request: SignedCookieRequest) => SignedCookieVerdict;

const EXPIRES_COOKIE = "CloudFront-Expires";
const HASH_ALGORITHM_COOKIE = "CloudFront-Hash-Algorithm";

export function decodeCloudFrontBase64(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64");
}

/** The first value of each cookie name in a `Cookie` header. */
function cookiesOf(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? "").split(";")) {
    const equals = pair.indexOf("=");
    if (equals <= 0) continue;
    const name = pair.slice(0, equals).trim();
    if (!cookies.has(name)) cookies.set(name, pair.slice(equals + 1).trim());
  }
  return cookies;
}

interface PolicyStatement {
  readonly resource: string | undefined;
  readonly dateLessThan: number;
  readonly dateGreaterThan: number | undefined;
  readonly sourceIp: string | undefined;
}

class PolicyError extends Error {}

function epochCondition(condition: Record<string, unknown>, name: string): number | undefined {
  const value = condition[name];
  if (value === undefined) return undefined;
  const epoch = (value as Record<string, unknown> | null)?.["AWS:EpochTime"];
  if (typeof epoch !== "number" || !Number.isInteger(epoch)) throw new PolicyError(`${name} must hold an integer AWS:EpochTime`);
  return epoch;
}

function statementOf(policyJson: string): PolicyStatement {
  let policy: unknown;
  try {
    policy = JSON.parse(policyJson);
  } catch {
    throw new PolicyError("the policy is not JSON");
  }
  const statements = (policy as { Statement?: unknown } | null)?.Statement;
  if (!Array.isArray(statements) || statements.length !== 1) throw new PolicyError("the policy must hold exactly one statement");
  const statement = statements[0] as { Resource?: unknown; Condition?: unknown };
  if (statement.Resource !== undefined && typeof statement.Resource !== "string") throw new PolicyError("Resource must be a string");
  if (typeof statement.Condition !== "object" || statement.Condition === null) throw new PolicyError("the statement has no Condition");
  const condition = statement.Condition as Record<string, unknown>;
  const dateLessThan = epochCondition(condition, "DateLessThan");
  if (dateLessThan === undefined) throw new PolicyError("the statement has no DateLessThan");
  const sourceIp = (condition["IpAddress"] as Record<string, unknown> | undefined)?.["AWS:SourceIp"];
  if (sourceIp !== undefined && typeof sourceIp !== "string") throw new PolicyError("AWS:SourceIp must be a CIDR");
  if (condition["IpAddress"] !== undefined && sourceIp === undefined) throw new PolicyError("IpAddress must hold AWS:SourceIp");
  return { resource: statement.Resource, dateLessThan, dateGreaterThan: epochCondition(condition, "DateGreaterThan"), sourceIp };
}

/** CloudFront's wildcards: `*` any run of characters (none included), `?` exactly one. */
export function resourceMatches(resource: string, url: string): boolean {
  const pattern = resource.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${pattern}$`, "s").test(url);
}

function addressAllowed(cidr: string, sourceIp: string | undefined): boolean {
  if (sourceIp === undefined) return false;
  const address = sourceIp.replace(/^::ffff:(?=\d+\.)/, "");
  const [network = "", prefix] = cidr.split("/");
  const family = isIP(network) === 6 ? "ipv6" : "ipv4";
  if (isIP(network) === 0 || isIP(address) === 0 || (isIP(address) === 6) !== (family === "ipv6")) return false;
  const allowed = new BlockList();
  allowed.addSubnet(network, prefix === undefined ? (family === "ipv6" ? 128 : 32) : Number(prefix), family);
  return allowed.check(address, family);
}

function refuse(reason: SignedCookieRefusal, detail: string): SignedCookieVerdict {
  return { ok: false, reason, detail };
}

export function createSignedCookieCheck(trustedKeys: Readonly<Record<string, string>>): SignedCookieCheck {
  const keys = new Map<string, KeyObject>(Object.entries(trustedKeys).map(([id, pem]) => [id, createPublicKey(pem)]));

  return (request) => {
    const cookies = cookiesOf(request.cookie);
    const keyPairId = cookies.get(PLAYBACK_COOKIE_NAMES.keyPairId);
    const signature = cookies.get(PLAYBACK_COOKIE_NAMES.signature);
    const encodedPolicy = cookies.get(PLAYBACK_COOKIE_NAMES.policy);
    const expires = cookies.get(EXPIRES_COOKIE);
    if (!keyPairId || !signature || (!encodedPolicy && !expires)) {
      return refuse("missing-cookies", "the request carries no complete set of CloudFront signed cookies");
    }

    if (!encodedPolicy && !/^\d+$/.test(expires ?? "")) return refuse("malformed-policy", `${EXPIRES_COOKIE} is not a time`);
    // A canned policy is not sent: CloudFront rebuilds it for the URL asked for.
    const policyJson = encodedPolicy
      ? decodeCloudFrontBase64(encodedPolicy).toString("utf8")
      : `{"Statement":[{"Resource":${JSON.stringify(request.url)},"Condition":{"DateLessThan":{"AWS:EpochTime":${Number(expires)}}}}]}`;
    let statement: PolicyStatement;
    try {
      statement = statementOf(policyJson);
    } catch (error) {
      if (error instanceof PolicyError) return refuse("malformed-policy", error.message);
      throw error;
    }

    const key = keys.get(keyPairId);
    if (!key) return refuse("untrusted-key", `key ${keyPairId} is not in the trusted key group`);
    const algorithm = cookies.get(HASH_ALGORITHM_COOKIE) === "SHA256" ? "sha256" : "sha1";
    if (!verify(algorithm, Buffer.from(policyJson, "utf8"), key, decodeCloudFrontBase64(signature))) {
      return refuse("bad-signature", `the signature is not ${keyPairId}'s signature of the policy`);
    }

    if (statement.resource !== undefined && !resourceMatches(statement.resource, request.url)) {
      return refuse("other-resource", `the cookies grant ${statement.resource}, not ${request.url}`);
    }
    const now = (request.now ?? new Date()).getTime() / 1000;
    if (now >= statement.dateLessThan) {
      return refuse("expired", `the cookies expired at ${new Date(statement.dateLessThan * 1000).toISOString()}`);
    }
    if (statement.dateGreaterThan !== undefined && now < statement.dateGreaterThan) {
      return refuse("not-yet-valid", `the cookies are valid from ${new Date(statement.dateGreaterThan * 1000).toISOString()}`);
    }
    if (statement.sourceIp !== undefined && !addressAllowed(statement.sourceIp, request.sourceIp)) {
      return refuse("other-address", `the cookies are for ${statement.sourceIp}, not ${request.sourceIp ?? "an unknown address"}`);
    }
    return { ok: true, keyPairId, expiresAt: new Date(statement.dateLessThan * 1000) };
  };
}
