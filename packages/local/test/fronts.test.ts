/**
 * The API front's authorizer and the static front's two CloudFront behaviours (the `/api/...`
 * proxy and the check of signed cookies and signed URLs), on loopback with stand-in functions: no moto needed.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { getSignedCookies, getSignedUrl } from "@aws-sdk/cloudfront-signer";
import { playbackGrant } from "@video-platform/shared-types";
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiFrontConfigurationError, startApiFront, type RunningApiFront } from "../src/api/api-front.js";
import type { AccessTokenVerifier } from "../src/auth/access-token-verifier.js";
import { createSignedRequestCheck } from "../src/auth/signed-request-check.js";
import { startStaticFront, type RunningStaticFront } from "../src/web/static-front.js";

const VIDEO = "0f8fad5b-d9cb-469f-a165-70867728950e.mp4";
const OTHER_VIDEO = "7c9e6679-7425-40de-944b-e07fc1f90ae7.mov";
const MASTER = "/vod/0f8fad5b-d9cb-469f-a165-70867728950e/0f8fad5b-d9cb-469f-a165-70867728950e.m3u8";
const LIVE_PREFIX = "/out/v1/local/";

/** Accepts the token "good" only: a caller in the admin group. */
const verifier: AccessTokenVerifier = {
  verify: (authorization) =>
    Promise.resolve(
      authorization === "Bearer good"
        ? {
            ok: true,
            caller: {
              sub: "user-1",
              username: "user-1",
              groups: ["admin"],
              clientId: "web",
              claims: { sub: "user-1", "cognito:groups": ["admin"], exp: 2000000000, token_use: "access" },
            },
          }
        : { ok: false, reason: "bad-signature", detail: "not the pool's signature" },
    ),
};

const events: APIGatewayProxyEventV2WithJWTAuthorizer[] = [];
const notFound = { send: () => Promise.reject(Object.assign(new Error("no such key"), { name: "NoSuchKey" })) } as unknown as S3Client;
const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();

let api: RunningApiFront;
let front: RunningStaticFront;
let privateFront: RunningStaticFront;
let webRoot: string;

async function staticFront(livePrivate: boolean): Promise<RunningStaticFront> {
  return startStaticFront({
    webRoot,
    s3: notFound,
    processedBucket: "processed",
    config: () => {
      throw new Error("not asked for here");
    },
    apis: () => [{ name: "TestApi", pathPrefixes: ["/api/mine", "/api/open"], url: () => api.url }],
    signedRequestCheck: createSignedRequestCheck({ K2LOCAL: publicKeyPem }),
    live: { pathPrefix: LIVE_PREFIX, signed: livePrivate, serve: (_request, response) => response.end("#EXTM3U\n") },
  });
}

beforeAll(async () => {
  webRoot = await mkdtemp(join(tmpdir(), "fronts-test-"));
  await writeFile(join(webRoot, "index.html"), "<!doctype html><title>app shell</title>");
  api = await startApiFront({
    name: "TestApi",
    routes: [
      { routeKey: "GET /api/open", access: "public", invoke: (event) => Promise.resolve(answer(event)) },
      { routeKey: "GET /api/mine", access: "signed-in", invoke: (event) => Promise.resolve(answer(event)) },
      { routeKey: "POST /api/mine", access: "signed-in", invoke: (event) => Promise.resolve(answer(event)) },
    ],
    verifier,
    allowOrigins: [],
  });
  front = await staticFront(false);
  privateFront = await staticFront(true);
});

afterAll(async () => {
  await Promise.all([api?.stop(), front?.stop(), privateFront?.stop()]);
  if (webRoot) await rm(webRoot, { recursive: true, force: true });
});

function answer(event: unknown) {
  events.push(event as APIGatewayProxyEventV2WithJWTAuthorizer);
  return { statusCode: 200, cookies: ["a=1; Path=/vod/x/; HttpOnly", "b=2; Path=/vod/x/"], body: '{"ok":true}' };
}

describe("the API front's authorizer", () => {
  it("answers API Gateway's 401 without a token, or with one it refuses, and never invokes the function", async () => {
    const before = events.length;
    for (const headers of [{}, { authorization: "Bearer forged" }, { authorization: "" }] as Record<string, string>[]) {
      const response = await fetch(`${api.url}/api/mine`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: "Unauthorized" });
    }
    expect(events.length).toBe(before);
  });

  it("hands the verified token's claims to the function as strings, as the JWT authorizer does", async () => {
    const response = await fetch(`${api.url}/api/mine`, { headers: { authorization: "Bearer good" } });
    expect(response.status).toBe(200);
    expect(events.at(-1)?.requestContext.authorizer.jwt).toEqual({
      claims: { sub: "user-1", "cognito:groups": "[admin]", exp: "2000000000", token_use: "access" },
      scopes: null,
    });
  });

  it("lets anyone through to a public route", async () => {
    expect((await fetch(`${api.url}/api/open`)).status).toBe(200);
    expect(events.at(-1)?.requestContext).not.toHaveProperty("authorizer");
  });

  it("will not start a signed-in route without a verifier", async () => {
    await expect(
      startApiFront({ name: "Bare", routes: [{ routeKey: "GET /api/x", access: "signed-in", invoke: () => Promise.resolve(null) }], allowOrigins: [] }),
    ).rejects.toBeInstanceOf(ApiFrontConfigurationError);
  });
});

describe("the static front's /api/... behaviours", () => {
  it("passes method, path, query, Authorization and body to the API and every Set-Cookie back, but not the viewer's cookies", async () => {
    const response = await fetch(`${front.url}/api/mine?scope=mine&x=%20y`, {
      method: "POST",
      headers: { authorization: "Bearer good", "content-type": "application/json", cookie: "CloudFront-Policy=p" },
      body: '{"hello":"world"}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/vod/x/; HttpOnly", "b=2; Path=/vod/x/"]);
    const event = events.at(-1)!;
    expect(event).toMatchObject({
      routeKey: "POST /api/mine",
      rawPath: "/api/mine",
      rawQueryString: "scope=mine&x=%20y",
      body: '{"hello":"world"}',
      headers: { authorization: "Bearer good", "content-type": "application/json" },
    });
    expect(event.cookies).toBeUndefined();
    expect(event.headers["host"]).toBe(new URL(api.url).host);
  });

  it("answers the API's refusal as it is, and leaves paths no API has to the app", async () => {
    const refused = await fetch(`${front.url}/api/mine`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ message: "Unauthorized" });
    expect(await (await fetch(`${front.url}/apiary`)).text()).toContain("app shell");
  });
});

describe("the static front's check on /vod/*: signed cookies or a signed URL", () => {
  const cookiesFor = (uploadId: string, now: Date, lifetimeSeconds?: number) => {
    const { policy } = playbackGrant({ mediaOrigin: front.url, uploadId, now, ...(lifetimeSeconds ? { lifetimeSeconds } : {}) });
    const cookies = getSignedCookies({ policy, keyPairId: "K2LOCAL", privateKey: privateKeyPem });
    return Object.entries(cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join("; ");
  };
  const get = (base: string, path: string, cookie?: string) => fetch(`${base}${path}`, cookie ? { headers: { cookie } } : {});

  it("lets a video's own cookies through to the bucket (here: a missing file, 404)", async () => {
    const response = await get(front.url, MASTER, cookiesFor(VIDEO, new Date()));
    expect(response.status).toBe(404);
  });

  it("answers 403 to missing, expired, tampered and other-video cookies, saying which", async () => {
    const valid = cookiesFor(VIDEO, new Date());
    const cases: [string | undefined, string][] = [
      [undefined, "unsigned"],
      ["theme=dark", "unsigned"],
      [cookiesFor(VIDEO, new Date(Date.now() - 2 * 3600_000)), "expired"],
      [valid.replace(/CloudFront-Signature=([A-Za-z0-9])/, (_m, c: string) => `CloudFront-Signature=${c === "A" ? "B" : "A"}`), "bad-signature"],
      [cookiesFor(OTHER_VIDEO, new Date()), "other-resource"],
    ];
    for (const [cookie, reason] of cases) {
      const response = await get(front.url, MASTER, cookie);
      expect(response.status, reason).toBe(403);
      expect(response.headers.get("x-local-refusal")).toBe(reason);
      expect(await response.text()).toMatch(reason === "unsigned" ? /<Code>MissingKey<\/Code>/ : /<Code>AccessDenied<\/Code>/);
    }
  });

  it("lets a signed URL through with no cookies, canned or custom policy, and refuses it tampered, expired, moved or signed by another key", async () => {
    const poster = `${MASTER.replace(/[^/]+$/, "")}previews/frame.0000001.jpg`;
    const canned = (path: string, expiresAt: Date, key = { keyPairId: "K2LOCAL", privateKey: privateKeyPem }) =>
      getSignedUrl({ url: `${front.url}${path}`, dateLessThan: expiresAt.toISOString(), ...key });
    const inAnHour = new Date(Date.now() + 3600_000);
    /** The query of a custom-policy URL for one video's files (`/vod/<id>/*`). */
    const customQuery = (uploadId: string) =>
      new URL(getSignedUrl({ policy: playbackGrant({ mediaOrigin: front.url, uploadId, now: new Date() }).policy, keyPairId: "K2LOCAL", privateKey: privateKeyPem })).search;
    expect((await fetch(canned(poster, inAnHour))).status).toBe(404);
    expect((await fetch(`${front.url}${MASTER}${customQuery(VIDEO)}`)).status).toBe(404);

    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const signed = new URL(canned(poster, inAnHour));
    const cases: [string, string][] = [
      [signed.href.replace(/Signature=([A-Za-z0-9])/, (_m, c: string) => `Signature=${c === "A" ? "B" : "A"}`), "bad-signature"],
      [canned(poster, new Date(Date.now() - 60_000)), "expired"],
      [`${front.url}${MASTER}${signed.search}`, "bad-signature"],
      [`${front.url}${MASTER}${customQuery(OTHER_VIDEO)}`, "other-resource"],
      [canned(poster, inAnHour, { keyPairId: "K2OTHER", privateKey: stranger }), "untrusted-key"],
      [canned(poster, inAnHour, { keyPairId: "K2LOCAL", privateKey: stranger }), "bad-signature"],
    ];
    for (const [url, reason] of cases) {
      const response = await fetch(url, { headers: { cookie: cookiesFor(VIDEO, new Date()) } });
      expect(response.status, reason).toBe(403);
      expect(response.headers.get("x-local-refusal"), url).toBe(reason);
    }
  });

  it("guards the live channel's path only when it is private", async () => {
    expect((await get(front.url, `${LIVE_PREFIX}index.m3u8`)).status).toBe(200);
    const closed = await get(privateFront.url, `${LIVE_PREFIX}index.m3u8`);
    expect(closed.status).toBe(403);
    expect(closed.headers.get("x-local-refusal")).toBe("unsigned");
  });
});
