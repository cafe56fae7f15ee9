/**
 * The local stand-in for CloudFront's check on a behaviour that trusts a key group: a signed URL,
 * or else signed cookies.
 *
 *   createSignedRequestCheck(trustedKeys) → (request) → SignedRequestVerdict
 *     trustedKeys: Record<keyPairId, public key PEM> (CloudFront: the key group's public keys).
 *     request: { url, cookie?, sourceIp?, now? }: the full requested URL (with query string),
 *       the `Cookie` header, the viewer's address.
 *     { ok: true, via, keyPairId, expiresAt } or { ok: false, reason, detail }; the static front
 *     answers 403 to a refusal. reason ∈ SIGNED_REQUEST_REFUSALS.
 *   decodeCloudFrontBase64(text): CloudFront's URL-safe base64 (`-`→`+`, `_`→`=`, `~`→`/`).
 *
 * As CloudFront does: a request whose query holds any of `Expires`, `Policy`, `Signature`,
 * `Key-Pair-Id` is a signed URL and is judged by its query alone (cookies are then ignored), for
 * the URL without those parameters; any other request by its `CloudFront-*` cookies, for the URL
 * as asked. The policy is the custom one sent (`Policy` / `CloudFront-Policy`) or the canned one
 * rebuilt from `Expires` and that URL; the signature must be the RSA signature (SHA-1, or SHA-256
 * when `Hash-Algorithm` says so) of exactly that policy by the key `Key-Pair-Id` names; the
 * statement's Resource (`*` any run of characters, `?` one) must match the URL; `DateLessThan` must
 * not have passed, `DateGreaterThan` must have, and the viewer must be inside `IpAddress` when
 * given. When a browser sends two cookies of one name (paths `/vod/` and `/vod/a/`), the first,
 * the most specific, counts.
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { PLAYBACK_COOKIE_NAMES } from "@video-platform/shared-types";

export interface SignedRequest {
  readonly url: string;
  readonly cookie: string | undefined;
  readonly sourceIp?: string;
  readonly now?: Date;
}

export const SIGNED_REQUEST_REFUSALS = [
  "unsigned",
  "malformed-policy",
  "untrusted-key",
  "bad-signature",
  "other-resource",
  "expired",
  "not-yet-valid",
  "other-address",
] as const;
export type SignedRequestRefusal = (typeof SIGNED_REQUEST_REFUSALS)[number];

/** Where the signature came from: the URL's query, or the cookies. */
export type SignedVia = "url" | "cookies";

export type SignedRequestVerdict =
  | { readonly ok: true; readonly via: SignedVia; readonly keyPairId: string; readonly expiresAt: Date }
  | { readonly ok: false; readonly reason: SignedRequestRefusal; readonly detail: string };

export type SignedRequestCheck = (request: SignedRequest) => SignedRequestVerdict;

/** The signing parameters, under their query names (signed URL) and their cookie names. */
const PARAMETERS = {
  keyPairId: { query: "Key-Pair-Id", cookie: PLAYBACK_COOKIE_NAMES.keyPairId },
  signature: { query: "Signature", cookie: PLAYBACK_COOKIE_NAMES.signature },
  policy: { query: "Policy", cookie: PLAYBACK_COOKIE_NAMES.policy },
  expires: { query: "Expires", cookie: "CloudFront-Expires" },
  hashAlgorithm: { query: "Hash-Algorithm", cookie: "CloudFront-Hash-Algorithm" },
} as const;
type Parameter = keyof typeof PARAMETERS;
type SigningParameters = Partial<Record<Parameter, string>>;

/** The query names that make a request a signed URL (`Hash-Algorithm` alone does not). */
const SIGNED_URL_MARKERS: readonly string[] = (["keyPairId", "signature", "policy", "expires"] as const).map((name) => PARAMETERS[name].query);
const SIGNING_QUERY_NAMES: readonly string[] = Object.values(PARAMETERS).map(({ query }) => query);

export function decodeCloudFrontBase64(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64");
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The first value of each name in `pairs` (a cookie header's or a query's), both read by `read`. */
function firstValues(pairs: readonly string[], read: (raw: string) => string): Map<string, string> {
  const values = new Map<string, string>();
  for (const pair of pairs) {
    const equals = pair.indexOf("=");
    if (equals <= 0) continue;
    const name = read(pair.slice(0, equals).trim());
    if (!values.has(name)) values.set(name, read(pair.slice(equals + 1).trim()));
  }
  return values;
}

function parametersFrom(values: Map<string, string>, source: "query" | "cookie"): SigningParameters {
  const parameters: SigningParameters = {};
  for (const [name, names] of Object.entries(PARAMETERS) as [Parameter, (typeof PARAMETERS)[Parameter]][]) {
    const value = values.get(names[source]);
    if (value !== undefined) parameters[name] = value;
  }
  return parameters;
}

interface SignedInput {
  readonly via: SignedVia;
  readonly parameters: SigningParameters;
  /** The URL the policy speaks of: a signed URL's without its signing parameters. */
  readonly resourceUrl: string;
}

/** A signed URL when the query says so, else the cookies; the URL a signed URL's policy covers. */
function signedInputOf(request: SignedRequest): SignedInput {
  const queryAt = request.url.indexOf("?");
  const pairs = queryAt === -1 ? [] : request.url.slice(queryAt + 1).split("&");
  const query = firstValues(pairs, decoded);
  if (!SIGNED_URL_MARKERS.some((name) => query.has(name))) {
    return { via: "cookies", parameters: parametersFrom(firstValues((request.cookie ?? "").split(";"), (raw) => raw), "cookie"), resourceUrl: request.url };
  }
  const kept = pairs.filter((pair) => pair !== "" && !SIGNING_QUERY_NAMES.includes(decoded(pair.split("=")[0] ?? "")));
  const base = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  return { via: "url", parameters: parametersFrom(query, "query"), resourceUrl: kept.length === 0 ? base : `${base}?${kept.join("&")}` };
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

function refuse(reason: SignedRequestRefusal, detail: string): SignedRequestVerdict {
  return { ok: false, reason, detail };
}

export function createSignedRequestCheck(trustedKeys: Readonly<Record<string, string>>): SignedRequestCheck {
  const keys = new Map<string, KeyObject>(Object.entries(trustedKeys).map(([id, pem]) => [id, createPublicKey(pem)]));

  return (request) => {
    const { via, parameters, resourceUrl } = signedInputOf(request);
    const policyOf = via === "url" ? "the signed URL's policy" : "the cookies' policy";
    const { keyPairId, signature, policy: encodedPolicy, expires } = parameters;
    if (!keyPairId || !signature || (!encodedPolicy && !expires)) {
      return refuse("unsigned", `the request carries no complete ${via === "url" ? "signed URL" : "set of CloudFront signed cookies"}`);
    }

    if (!encodedPolicy && !/^\d+$/.test(expires ?? "")) return refuse("malformed-policy", `Expires (${via === "url" ? "query" : "cookie"}) is not a time`);
    // A canned policy is not sent: CloudFront rebuilds it for the URL asked for.
    const policyJson = encodedPolicy
      ? decodeCloudFrontBase64(encodedPolicy).toString("utf8")
      : `{"Statement":[{"Resource":${JSON.stringify(resourceUrl)},"Condition":{"DateLessThan":{"AWS:EpochTime":${Number(expires)}}}}]}`;
    let statement: PolicyStatement;
    try {
      statement = statementOf(policyJson);
    } catch (error) {
      if (error instanceof PolicyError) return refuse("malformed-policy", error.message);
      throw error;
    }

    const key = keys.get(keyPairId);
    if (!key) return refuse("untrusted-key", `key ${keyPairId} is not in the trusted key group`);
    const algorithm = parameters.hashAlgorithm === "SHA256" ? "sha256" : "sha1";
    if (!verify(algorithm, Buffer.from(policyJson, "utf8"), key, decodeCloudFrontBase64(signature))) {
      return refuse("bad-signature", `the signature is not ${keyPairId}'s signature of ${policyOf}`);
    }

    if (statement.resource !== undefined && !resourceMatches(statement.resource, resourceUrl)) {
      return refuse("other-resource", `${policyOf} grants ${statement.resource}, not ${resourceUrl}`);
    }
    const now = (request.now ?? new Date()).getTime() / 1000;
    if (now >= statement.dateLessThan) {
      return refuse("expired", `${policyOf} expired at ${new Date(statement.dateLessThan * 1000).toISOString()}`);
    }
    if (statement.dateGreaterThan !== undefined && now < statement.dateGreaterThan) {
      return refuse("not-yet-valid", `${policyOf} is valid from ${new Date(statement.dateGreaterThan * 1000).toISOString()}`);
    }
    if (statement.sourceIp !== undefined && !addressAllowed(statement.sourceIp, request.sourceIp)) {
      return refuse("other-address", `${policyOf} is for ${statement.sourceIp}, not ${request.sourceIp ?? "an unknown address"}`);
    }
    return { ok: true, via, keyPairId, expiresAt: new Date(statement.dateLessThan * 1000) };
  };
}
