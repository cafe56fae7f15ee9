import { generateKeyPairSync } from "node:crypto";
import { getSignedCookies, getSignedUrl, type CloudfrontSignedCookiesOutput } from "@aws-sdk/cloudfront-signer";
import { playbackGrant } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { createSignedRequestCheck, decodeCloudFrontBase64, resourceMatches } from "../../src/auth/signed-request-check.js";

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

const current = keyPair();
const next = keyPair();
const stranger = keyPair();
const check = createSignedRequestCheck({ K2CURRENT: current.publicKeyPem, K2NEXT: next.publicKeyPem });

const origin = "https://media.example.com";
const videoA = "0f8fad5b-d9cb-469f-a165-70867728950e.mp4";
const videoB = "7c9e6679-7425-40de-944b-e07fc1f90ae7.mov";
const masterOfA = `${origin}/vod/0f8fad5b-d9cb-469f-a165-70867728950e/0f8fad5b-d9cb-469f-a165-70867728950e.m3u8`;
const segmentOfA = `${origin}/vod/0f8fad5b-d9cb-469f-a165-70867728950e/0f8fad5b_720p_00001.ts`;
const masterOfB = `${origin}/vod/7c9e6679-7425-40de-944b-e07fc1f90ae7/7c9e6679-7425-40de-944b-e07fc1f90ae7.m3u8`;
const now = new Date("2030-05-01T12:00:00Z");
const minutes = (count: number) => new Date(now.getTime() + count * 60_000);

/** The `Cookie` header a browser sends back for the cookies the signer made. */
function cookieHeader(cookies: CloudfrontSignedCookiesOutput | Record<string, string | number | undefined>): string {
  return Object.entries(cookies)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
}

/** Playback cookies for one video, signed as the playback route will sign them. */
function grantCookies(uploadId: string, keyPairId = "K2CURRENT", privateKey = current.privateKey) {
  const { policy } = playbackGrant({ mediaOrigin: origin, uploadId, now });
  return getSignedCookies({ policy, keyPairId, privateKey });
}

describe("createSignedRequestCheck: signed cookies", () => {
  it("lets the video's own files through for an hour, with or without a query string", () => {
    const cookie = cookieHeader(grantCookies(videoA));
    for (const url of [masterOfA, segmentOfA, `${segmentOfA}?session=1`]) {
      expect(check({ url, cookie, now: minutes(59) })).toEqual({ ok: true, via: "cookies", keyPairId: "K2CURRENT", expiresAt: minutes(60) });
    }
  });

  it("refuses a request without the cookies, or with only some of them", () => {
    expect(check({ url: masterOfA, cookie: undefined, now })).toMatchObject({ ok: false, reason: "unsigned" });
    const { "CloudFront-Signature": _signature, ...unsigned } = grantCookies(videoA);
    expect(check({ url: masterOfA, cookie: cookieHeader(unsigned), now })).toMatchObject({ ok: false, reason: "unsigned" });
    expect(check({ url: masterOfA, cookie: "theme=dark", now })).toMatchObject({ ok: false, reason: "unsigned" });
  });

  it("refuses expired cookies", () => {
    const cookie = cookieHeader(grantCookies(videoA));
    expect(check({ url: masterOfA, cookie, now: minutes(60) })).toMatchObject({ ok: false, reason: "expired" });
    expect(check({ url: masterOfA, cookie, now: minutes(24 * 60) })).toMatchObject({ ok: false, reason: "expired" });
  });

  it("refuses another video's files, another host's and the parent folder", () => {
    const cookie = cookieHeader(grantCookies(videoA));
    expect(check({ url: masterOfB, cookie, now })).toMatchObject({ ok: false, reason: "other-resource" });
    expect(check({ url: masterOfA.replace("media.example.com", "evil.example.com"), cookie, now })).toMatchObject({
      ok: false,
      reason: "other-resource",
    });
    expect(check({ url: `${origin}/vod/`, cookie, now })).toMatchObject({ ok: false, reason: "other-resource" });
  });

  it("refuses a policy widened after signing, and a signature changed", () => {
    const cookies = grantCookies(videoA);
    const widened = decodeCloudFrontBase64(cookies["CloudFront-Policy"] as string)
      .toString("utf8")
      .replace(/\/vod\/[^/]+\/\*/, "/vod/*");
    const reEncoded = Buffer.from(widened).toString("base64").replace(/\+/g, "-").replace(/=/g, "_").replace(/\//g, "~");
    const forged = cookieHeader({ ...cookies, "CloudFront-Policy": reEncoded });
    expect(check({ url: masterOfB, cookie: forged, now })).toMatchObject({ ok: false, reason: "bad-signature" });

    const signature = cookies["CloudFront-Signature"];
    const middle = Math.floor(signature.length / 2);
    const flipped = signature.slice(0, middle) + (signature[middle] === "A" ? "B" : "A") + signature.slice(middle + 1);
    const tampered = cookieHeader({ ...cookies, "CloudFront-Signature": flipped });
    expect(check({ url: masterOfA, cookie: tampered, now })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("refuses a key outside the key group, and a stranger's key claiming a trusted id", () => {
    const unknown = cookieHeader(grantCookies(videoA, "K2STRANGER", stranger.privateKey));
    expect(check({ url: masterOfA, cookie: unknown, now })).toMatchObject({ ok: false, reason: "untrusted-key" });
    const impostor = cookieHeader(grantCookies(videoA, "K2CURRENT", stranger.privateKey));
    expect(check({ url: masterOfA, cookie: impostor, now })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("trusts both keys of the group during a rotation", () => {
    const signedByNext = cookieHeader(grantCookies(videoA, "K2NEXT", next.privateKey));
    expect(check({ url: masterOfA, cookie: signedByNext, now })).toMatchObject({ ok: true, keyPairId: "K2NEXT" });
  });

  it("reads the most specific cookies first when a browser holds several videos' cookies", () => {
    // Cookie paths /vod/<A>/ and /vod/<B>/ never both match; a broader one sent after them is ignored.
    const cookie = `${cookieHeader(grantCookies(videoA))}; ${cookieHeader(grantCookies(videoB))}`;
    expect(check({ url: masterOfA, cookie, now })).toMatchObject({ ok: true });
    expect(check({ url: masterOfB, cookie, now })).toMatchObject({ ok: false, reason: "other-resource" });
  });

  it("honours a start time and a viewer address in the policy", () => {
    const cookies = getSignedCookies({
      url: `${origin}/vod/0f8fad5b-d9cb-469f-a165-70867728950e/*`,
      dateGreaterThan: minutes(10).toISOString(),
      dateLessThan: minutes(70).toISOString(),
      ipAddress: "192.0.2.0/24",
      keyPairId: "K2CURRENT",
      privateKey: current.privateKey,
    });
    const cookie = cookieHeader(cookies);
    expect(check({ url: masterOfA, cookie, sourceIp: "192.0.2.7", now: minutes(5) })).toMatchObject({ ok: false, reason: "not-yet-valid" });
    expect(check({ url: masterOfA, cookie, sourceIp: "198.51.100.7", now: minutes(20) })).toMatchObject({ ok: false, reason: "other-address" });
    expect(check({ url: masterOfA, cookie, now: minutes(20) })).toMatchObject({ ok: false, reason: "other-address" });
    expect(check({ url: masterOfA, cookie, sourceIp: "::ffff:192.0.2.7", now: minutes(20) })).toMatchObject({ ok: true });
  });

  it("matches IPv6 viewers against an IPv6 range", () => {
    const policy = JSON.stringify({
      Statement: [{ Resource: `${origin}/vod/*`, Condition: { DateLessThan: { "AWS:EpochTime": 1_999_999_999 }, IpAddress: { "AWS:SourceIp": "2001:db8::/32" } } }],
    });
    const cookie = cookieHeader(getSignedCookies({ policy, keyPairId: "K2CURRENT", privateKey: current.privateKey }));
    expect(check({ url: masterOfA, cookie, sourceIp: "2001:db8::1", now })).toMatchObject({ ok: true });
    expect(check({ url: masterOfA, cookie, sourceIp: "2001:db9::1", now })).toMatchObject({ ok: false, reason: "other-address" });
  });

  it("verifies SHA-256 signatures when the cookies say so, and only then", () => {
    const { policy } = playbackGrant({ mediaOrigin: origin, uploadId: videoA, now });
    const cookies = getSignedCookies({ policy, keyPairId: "K2CURRENT", privateKey: current.privateKey, algorithm: "SHA256" });
    expect(cookies["CloudFront-Hash-Algorithm"]).toBe("SHA256");
    expect(check({ url: masterOfA, cookie: cookieHeader(cookies), now })).toMatchObject({ ok: true });
    const { "CloudFront-Hash-Algorithm": _hash, ...withoutHash } = cookies;
    expect(check({ url: masterOfA, cookie: cookieHeader(withoutHash), now })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("accepts canned-policy cookies for exactly the URL they were signed for", () => {
    const cookies = getSignedCookies({ url: masterOfA, dateLessThan: minutes(30).toISOString(), keyPairId: "K2CURRENT", privateKey: current.privateKey });
    expect(cookies["CloudFront-Expires"]).toBeDefined();
    expect(cookies["CloudFront-Policy"]).toBeUndefined();
    const cookie = cookieHeader(cookies);
    expect(check({ url: masterOfA, cookie, now })).toMatchObject({ ok: true, expiresAt: minutes(30) });
    expect(check({ url: segmentOfA, cookie, now })).toMatchObject({ ok: false, reason: "bad-signature" });
    expect(check({ url: masterOfA, cookie, now: minutes(31) })).toMatchObject({ ok: false, reason: "expired" });
  });

  it("refuses a policy that is not one", () => {
    const { "CloudFront-Signature": signature } = grantCookies(videoA);
    const base = { "CloudFront-Key-Pair-Id": "K2CURRENT", "CloudFront-Signature": signature };
    const encode = (text: string) => Buffer.from(text).toString("base64").replace(/\+/g, "-").replace(/=/g, "_").replace(/\//g, "~");
    for (const policy of ["%%%", encode("{}"), encode('{"Statement":[{"Resource":"x"}]}'), encode('{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":"soon"}}}]}')]) {
      const verdict = check({ url: masterOfA, cookie: cookieHeader({ ...base, "CloudFront-Policy": policy }), now });
      expect(verdict).toMatchObject({ ok: false, reason: "malformed-policy" });
    }
    expect(check({ url: masterOfA, cookie: cookieHeader({ ...base, "CloudFront-Expires": "tomorrow" }), now })).toMatchObject({
      ok: false,
      reason: "malformed-policy",
    });
  });
});

describe("createSignedRequestCheck: signed URLs (the posters' canned policy, and custom ones)", () => {
  const posterOfA = `${origin}/vod/0f8fad5b-d9cb-469f-a165-70867728950e/previews/frame.0000001.jpg`;
  const posterOfB = `${origin}/vod/7c9e6679-7425-40de-944b-e07fc1f90ae7/previews/frame.0000001.jpg`;
  /** A canned-policy URL for exactly `url`, as the status route signs a poster. */
  const cannedUrl = (url: string, options: { keyPairId?: string; privateKey?: string; algorithm?: "SHA256" } = {}) =>
    getSignedUrl({
      url,
      dateLessThan: minutes(30).toISOString(),
      keyPairId: options.keyPairId ?? "K2CURRENT",
      privateKey: options.privateKey ?? current.privateKey,
      ...(options.algorithm ? { algorithm: options.algorithm } : {}),
    });
  /** `url` with one query parameter's value replaced (or removed when `value` is undefined). */
  const withParameter = (url: string, name: string, value: string | undefined) => {
    const parsed = new URL(url);
    if (value === undefined) parsed.searchParams.delete(name);
    else parsed.searchParams.set(name, value);
    return parsed.href;
  };
  const flipped = (text: string) => {
    const middle = Math.floor(text.length / 2);
    return text.slice(0, middle) + (text[middle] === "A" ? "B" : "A") + text.slice(middle + 1);
  };

  it("lets a canned-policy URL through, with no cookies, until it expires", () => {
    const signed = cannedUrl(posterOfA);
    expect([...new URL(signed).searchParams.keys()]).toEqual(["Expires", "Key-Pair-Id", "Signature"]);
    expect(check({ url: signed, cookie: undefined, now: minutes(29) })).toEqual({ ok: true, via: "url", keyPairId: "K2CURRENT", expiresAt: minutes(30) });
    expect(check({ url: signed, cookie: undefined, now: minutes(30) })).toMatchObject({ ok: false, reason: "expired" });
  });

  it("refuses a canned-policy URL moved to another file, or with a query of its own changed", () => {
    const signed = new URL(cannedUrl(posterOfA));
    expect(check({ url: `${posterOfB}${signed.search}`, cookie: undefined, now })).toMatchObject({ ok: false, reason: "bad-signature" });
    expect(check({ url: `${masterOfA}${signed.search}`, cookie: undefined, now })).toMatchObject({ ok: false, reason: "bad-signature" });
    const withQuery = cannedUrl(`${posterOfA}?size=small`);
    expect(check({ url: withQuery, cookie: undefined, now })).toMatchObject({ ok: true });
    expect(check({ url: withQuery.replace("size=small", "size=large"), cookie: undefined, now })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("refuses a tampered signature, a later Expires, and a key outside the group", () => {
    const signed = cannedUrl(posterOfA);
    const signature = new URL(signed).searchParams.get("Signature") ?? "";
    expect(check({ url: withParameter(signed, "Signature", flipped(signature)), cookie: undefined, now })).toMatchObject({ ok: false, reason: "bad-signature" });
    const later = String(Math.floor(minutes(24 * 60).getTime() / 1000));
    expect(check({ url: withParameter(signed, "Expires", later), cookie: undefined, now })).toMatchObject({ ok: false, reason: "bad-signature" });
    const untrusted = cannedUrl(posterOfA, { keyPairId: "K2STRANGER", privateKey: stranger.privateKey });
    expect(check({ url: untrusted, cookie: undefined, now })).toMatchObject({ ok: false, reason: "untrusted-key" });
    const impostor = cannedUrl(posterOfA, { privateKey: stranger.privateKey });
    expect(check({ url: impostor, cookie: undefined, now })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("holds a custom-policy URL to its Resource, for any file under it", () => {
    const { policy } = playbackGrant({ mediaOrigin: origin, uploadId: videoA, now });
    const signed = new URL(getSignedUrl({ policy, keyPairId: "K2CURRENT", privateKey: current.privateKey }));
    expect([...signed.searchParams.keys()]).toEqual(["Policy", "Key-Pair-Id", "Signature"]);
    for (const file of [masterOfA, segmentOfA, posterOfA]) {
      expect(check({ url: `${file}${signed.search}`, cookie: undefined, now })).toMatchObject({ ok: true, via: "url" });
    }
    expect(check({ url: `${masterOfB}${signed.search}`, cookie: undefined, now })).toMatchObject({ ok: false, reason: "other-resource" });
    expect(check({ url: `${masterOfA}${signed.search}`, cookie: undefined, now: minutes(60) })).toMatchObject({ ok: false, reason: "expired" });
    const widened = Buffer.from(decodeCloudFrontBase64(signed.searchParams.get("Policy") ?? "").toString("utf8").replace(/\/vod\/[^/]+\/\*/, "/vod/*"))
      .toString("base64")
      .replace(/\+/g, "-")
      .replace(/=/g, "_")
      .replace(/\//g, "~");
    expect(check({ url: withParameter(`${masterOfB}${signed.search}`, "Policy", widened), cookie: undefined, now })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("verifies SHA-256 URLs when Hash-Algorithm says so, and only then", () => {
    const signed = cannedUrl(posterOfA, { algorithm: "SHA256" });
    expect(new URL(signed).searchParams.get("Hash-Algorithm")).toBe("SHA256");
    expect(check({ url: signed, cookie: undefined, now })).toMatchObject({ ok: true });
    expect(check({ url: withParameter(signed, "Hash-Algorithm", undefined), cookie: undefined, now })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("judges a signed URL alone, as CloudFront does: valid cookies do not save a broken one", () => {
    const cookie = cookieHeader(grantCookies(videoA));
    const signed = cannedUrl(posterOfA);
    expect(check({ url: withParameter(signed, "Signature", undefined), cookie, now })).toMatchObject({ ok: false, reason: "unsigned" });
    expect(check({ url: signed, cookie, now: minutes(45) })).toMatchObject({ ok: false, reason: "expired" });
    expect(check({ url: `${posterOfA}?Expires=abc&Key-Pair-Id=K2CURRENT&Signature=x`, cookie, now })).toMatchObject({ ok: false, reason: "malformed-policy" });
    expect(check({ url: posterOfA, cookie, now })).toMatchObject({ ok: true, via: "cookies" });
  });
});

describe("resourceMatches", () => {
  it("reads * and ? as CloudFront's wildcards and everything else literally", () => {
    expect(resourceMatches("https://h/vod/a/*", "https://h/vod/a/")).toBe(true);
    expect(resourceMatches("https://h/vod/a/*", "https://h/vod/a/x/y.ts?z=1")).toBe(true);
    expect(resourceMatches("https://h/vod/a/*", "https://h/vod/ab/x")).toBe(false);
    expect(resourceMatches("https://h/vod/?/x", "https://h/vod/a/x")).toBe(true);
    expect(resourceMatches("https://h/vod/?/x", "https://h/vod/ab/x")).toBe(false);
    expect(resourceMatches("https://h/vod/a.b/*", "https://h/vod/aXb/x")).toBe(false);
    expect(resourceMatches("http*://h/vod/*", "https://h/vod/x")).toBe(true);
  });
});
