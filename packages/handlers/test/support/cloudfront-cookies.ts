import { createPublicKey, verify } from "node:crypto";
import { PLAYBACK_COOKIE_NAMES } from "@video-platform/shared-types";

/** One `Set-Cookie` value: the cookie and its attributes (names lower-cased). */
export function parseSetCookie(header: string): { name: string; value: string; attributes: Record<string, string | true> } {
  const [pair = "", ...rest] = header.split(";").map((part) => part.trim());
  const equals = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const attribute of rest) {
    const at = attribute.indexOf("=");
    if (at < 0) attributes[attribute.toLowerCase()] = true;
    else attributes[attribute.slice(0, at).toLowerCase()] = attribute.slice(at + 1);
  }
  return { name: pair.slice(0, equals), value: pair.slice(equals + 1), attributes };
}

const fromCloudFrontBase64 = (text: string) =>
  Buffer.from(text.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64");

/**
 * CloudFront's check of custom-policy signed cookies, written from its documentation with
 * node:crypto alone (the local platform's full check lives in a package that depends on this one):
 * the signature is RSA-SHA1 of the policy by the named public key; the policy's one statement
 * must match the URL (`*` any run of characters) and not have expired. Returns why it refuses.
 */
export function cloudFrontAccepts(
  cookies: Readonly<Record<string, string>>,
  trustedKeys: Readonly<Record<string, string>>,
  url: string,
  now: Date,
): true | string {
  const policy = cookies[PLAYBACK_COOKIE_NAMES.policy];
  const signature = cookies[PLAYBACK_COOKIE_NAMES.signature];
  const keyPairId = cookies[PLAYBACK_COOKIE_NAMES.keyPairId];
  if (!policy || !signature || !keyPairId) return "missing cookies";
  const publicKey = trustedKeys[keyPairId];
  if (publicKey === undefined) return `untrusted key ${keyPairId}`;
  const policyJson = fromCloudFrontBase64(policy);
  if (!verify("sha1", policyJson, createPublicKey(publicKey), fromCloudFrontBase64(signature))) return "bad signature";
  const statement = (JSON.parse(policyJson.toString("utf8")) as { Statement: { Resource: string; Condition: { DateLessThan: { "AWS:EpochTime": number } } }[] })
    .Statement[0];
  if (statement === undefined) return "no statement";
  const pattern = new RegExp(`^${statement.Resource.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  if (!pattern.test(url)) return `other resource ${statement.Resource}`;
  if (now.getTime() / 1000 >= statement.Condition.DateLessThan["AWS:EpochTime"]) return "expired";
  return true;
}
