import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import {
  ApiErrorBody,
  LivePlaybackResponse,
  PlaybackGrantResponse,
  STATUS_API_ROUTES,
  UploadListResponse,
  UploadStatusResponse,
  objectKeyOf,
  outputPrefixOf,
  posterPathFor,
  type Caller,
} from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { handler as Handler } from "../src/functions/query-upload-status.js";
import { DynamoDbUploadTable } from "../src/adapters/dynamodb-upload-table.js";
import { apiEvent, reply } from "./support/api-events.js";
import { startHandlerEnvironment, TEST_SITE_URL, TEST_TABLE, type HandlerTestEnvironment } from "./support/aws-environment.js";
import { ADMIN, OTHER_USER, OWNER } from "./support/callers.js";
import { cloudFrontAccepts, cloudFrontAcceptsSignedUrl, parseSetCookie } from "./support/cloudfront-cookies.js";
import { playbackKeyPair } from "./support/playback-keys.js";
import { freshUploadId, recordPendingUpload } from "./support/upload-records.js";

/** `MovieStatusApi`'s QueryUploadStatus on moto, as its callers and its attackers try it. */
const KEY = playbackKeyPair("key-fn");
const KEY_PAIR_ID = "KFNEXAMPLE";
const LIVE_PREFIX = "/out/v1/live/";

let environment: HandlerTestEnvironment;
let handler: typeof Handler;
/** The same function in an environment whose signing secret was never filled. */
let keylessHandler: typeof Handler;
let table: DynamoDbUploadTable;
const ownersNewestFirst: string[] = [];
let othersUpload: string;
let complete: string;

beforeAll(async () => {
  environment = await startHandlerEnvironment({
    PLAYBACK_SIGNING_SECRET: "playback-key",
    PLAYBACK_PUBLIC_KEY_IDS: JSON.stringify({ [KEY.secret.keyName]: KEY_PAIR_ID }),
    PRIVATE_LIVE_PATH_PREFIX: LIVE_PREFIX,
  });
  const secrets = new SecretsManagerClient({});
  await secrets.send(new CreateSecretCommand({ Name: "playback-key", SecretString: JSON.stringify(KEY.secret) }));
  await secrets.send(new CreateSecretCommand({ Name: "playback-key-empty" }));
  secrets.destroy();
  vi.resetModules();
  ({ handler } = await import("../src/functions/query-upload-status.js"));
  Object.assign(process.env, { PLAYBACK_SIGNING_SECRET: "playback-key-empty", PRIVATE_LIVE_PATH_PREFIX: "" });
  vi.resetModules();
  ({ handler: keylessHandler } = await import("../src/functions/query-upload-status.js"));

  table = new DynamoDbUploadTable(environment.dynamodb, TEST_TABLE);
  // Seven uploads of the owner's a second apart, recorded out of order, recent enough that their URLs still work.
  const base = Math.floor(Date.now() / 1000) * 1000 - 60_000;
  const ids = new Map<number, string>();
  for (const second of [3, 0, 6, 1, 5, 2, 4]) {
    const { uploadId } = await recordPendingUpload(table, { now: new Date(base + second * 1000), fileName: `m${second}.mp4`, ownerEmail: "owner@example.com" });
    ids.set(second, uploadId);
  }
  ownersNewestFirst.push(...[6, 5, 4, 3, 2, 1, 0].map((second) => ids.get(second)!));
  othersUpload = (await recordPendingUpload(table, { now: new Date(base + 10_000), ownerId: OTHER_USER.sub })).uploadId;
  complete = ownersNewestFirst[1]!;
  const playlist = complete.replace(/\.mp4$/, "");
  await table.recordVideo(objectKeyOf(complete), { posterPath: posterPathFor(complete), durationSeconds: 3, width: 640, height: 360, renditions: [{ width: 640, height: 360, bitrate: 1_000_000 }] });
  await table.applyStatusChange(objectKeyOf(complete), { status: "COMPLETE", progress: 100, playbackPath: `vod/${playlist}/${playlist}.m3u8` });
});

afterAll(async () => {
  await environment?.stop();
});

async function call(routeKey: string, options: Parameters<typeof apiEvent>[1] = {}, using = handler) {
  return reply(await using(apiEvent(routeKey, options)));
}

function expectRefusal(answer: { status: number; body: unknown }, status: number, field?: string) {
  expect(answer.status).toBe(status);
  const error = ApiErrorBody.parse(answer.body).error;
  expect(error.field).toBe(field);
  return error;
}

async function pageThrough(caller: Caller, query: Record<string, string>) {
  const seen: string[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const answer = await call(STATUS_API_ROUTES.listStatuses, { query: { ...query, ...(pageToken ? { pageToken } : {}) }, caller });
    expect(answer.status).toBe(200);
    const page = UploadListResponse.parse(answer.body);
    seen.push(...page.items.map((item) => item.uploadId));
    pageToken = page.nextPageToken;
    if (pageToken !== undefined) expect(pageToken).toMatch(/^[A-Za-z0-9_-]+$/);
    pages += 1;
  } while (pageToken !== undefined && pages < 20);
  return { seen, pages };
}

const routesNamingAnUpload = [STATUS_API_ROUTES.getStatus, STATUS_API_ROUTES.grantPlayback] as const;

describe("every status route", () => {
  it.each([...routesNamingAnUpload, STATUS_API_ROUTES.listStatuses, STATUS_API_ROUTES.grantLivePlayback, STATUS_API_ROUTES.endPlayback, STATUS_API_ROUTES.endLivePlayback])(
    "%s: an anonymous call (no authorizer claims) gets 401 and no cookies",
    async (route) => {
      const answer = await call(route, { pathParameters: { uploadId: complete }, caller: null });
      expect(answer.status).toBe(401);
      expect(answer.cookies).toEqual([]);
      expect(ApiErrorBody.parse(answer.body).error.code).toBe("UNAUTHENTICATED");
    },
  );

  it.each(routesNamingAnUpload)("%s: someone else gets 404 exactly as for a missing upload, and no cookies", async (route) => {
    const missing = freshUploadId();
    const refused = await call(route, { pathParameters: { uploadId: complete }, caller: OTHER_USER });
    const unknown = await call(route, { pathParameters: { uploadId: missing }, caller: OTHER_USER });
    expect(refused.status).toBe(404);
    expect(refused.cookies).toEqual([]);
    expect(JSON.stringify(refused.body).replace(complete, "<id>")).toBe(JSON.stringify(unknown.body).replace(missing, "<id>"));
  });

  it.each(routesNamingAnUpload)("%s: an id that is not an upload id gets 400 naming uploadId", async (route) => {
    for (const uploadId of ["movie.mp4", "../../etc/passwd"]) expectRefusal(await call(route, { pathParameters: { uploadId } }), 400, "uploadId");
  });
});

describe("GET /api/status/{uploadId}", () => {
  it("answers the owner everything known of the upload, and an admin the same with its owner", async () => {
    const uploadId = ownersNewestFirst[0]!;
    await table.applyStatusChange(objectKeyOf(uploadId), { status: "TRANSCODING", progress: 42, jobId: "job-42" });
    const mine = await call(STATUS_API_ROUTES.getStatus, { pathParameters: { uploadId } });
    expect(mine.status).toBe(200);
    const status = UploadStatusResponse.parse(mine.body);
    expect(status).toMatchObject({ uploadId, fileName: objectKeyOf(uploadId), originalFileName: "m6.mp4", status: "TRANSCODING", progress: 42, jobId: "job-42" });
    expect(status.owner).toBeUndefined();
    const asAdmin = UploadStatusResponse.parse((await call(STATUS_API_ROUTES.getStatus, { pathParameters: { uploadId }, caller: ADMIN })).body);
    expect(asAdmin.owner).toEqual({ id: OWNER.sub, email: "owner@example.com" });
  });
});

describe("GET /api/status", () => {
  it("pages through the caller's own uploads newest first, by default and with scope=mine", async () => {
    const { seen, pages } = await pageThrough(OWNER, { limit: "3" });
    expect(seen).toEqual(ownersNewestFirst);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect((await pageThrough(OWNER, { scope: "mine" })).seen).toEqual(ownersNewestFirst);
    expect((await pageThrough(OTHER_USER, {})).seen).toEqual([othersUpload]);
  });

  it("lets an admin page through everyone's uploads with their owners, and answers anyone else 403", async () => {
    const { seen } = await pageThrough(ADMIN, { scope: "all", limit: "2" });
    expect(seen).toEqual([othersUpload, ...ownersNewestFirst]);
    const page = UploadListResponse.parse((await call(STATUS_API_ROUTES.listStatuses, { query: { scope: "all" }, caller: ADMIN })).body);
    expect(page.items.find((item) => item.uploadId === othersUpload)?.owner).toEqual({ id: OTHER_USER.sub });
    const refusal = expectRefusal(await call(STATUS_API_ROUTES.listStatuses, { query: { scope: "all" }, caller: OTHER_USER }), 403);
    expect(refusal.code).toBe("FORBIDDEN");
  });

  it("refuses a page token of another list or another owner with 400", async () => {
    const adminToken = UploadListResponse.parse((await call(STATUS_API_ROUTES.listStatuses, { query: { scope: "all", limit: "1" }, caller: ADMIN })).body).nextPageToken!;
    const ownerToken = UploadListResponse.parse((await call(STATUS_API_ROUTES.listStatuses, { query: { limit: "1" } })).body).nextPageToken!;
    expectRefusal(await call(STATUS_API_ROUTES.listStatuses, { query: { pageToken: adminToken } }), 400, "pageToken");
    expectRefusal(await call(STATUS_API_ROUTES.listStatuses, { query: { pageToken: ownerToken }, caller: OTHER_USER }), 400, "pageToken");
    expectRefusal(await call(STATUS_API_ROUTES.listStatuses, { query: { scope: "all", pageToken: ownerToken }, caller: ADMIN }), 400, "pageToken");
  });

  it.each([
    ["not base64url", "%%%"],
    ["base64url of no JSON", Buffer.from("hello").toString("base64url")],
    ["a forged position", Buffer.from(JSON.stringify({ FileName: "../x", OwnerId: OWNER.sub, CreatedAt: "now" })).toString("base64url")],
  ])("answers 400 naming pageToken for %s", async (_case, pageToken) => {
    expectRefusal(await call(STATUS_API_ROUTES.listStatuses, { query: { pageToken } }), 400, "pageToken");
  });

  it.each([
    ["limit=0", { limit: "0" }, "limit"],
    ["limit=101", { limit: "101" }, "limit"],
    ["limit=abc", { limit: "abc" }, "limit"],
    ["scope=everyone", { scope: "everyone" }, "scope"],
  ])("answers 400 for %s", async (_case, query, field) => {
    expectRefusal(await call(STATUS_API_ROUTES.listStatuses, { query }), 400, field);
  });
});

describe("posters in status responses", () => {
  it("carry a signed URL of the finished video's poster that CloudFront accepts, in the upload's status and in the list", async () => {
    const status = UploadStatusResponse.parse((await call(STATUS_API_ROUTES.getStatus, { pathParameters: { uploadId: complete } })).body);
    const listed = UploadListResponse.parse((await call(STATUS_API_ROUTES.listStatuses, { query: { limit: "100" } })).body).items;
    expect(listed.filter((item) => item.posterUrl !== undefined).map((item) => item.uploadId)).toEqual([complete]);
    for (const posterUrl of [status.posterUrl, listed.find((item) => item.uploadId === complete)?.posterUrl]) {
      const signed = new URL(posterUrl ?? "");
      expect(`${signed.origin}${signed.pathname}`).toBe(`${TEST_SITE_URL}/${posterPathFor(complete)}`);
      expect(cloudFrontAcceptsSignedUrl(signed.href, { [KEY_PAIR_ID]: KEY.publicKeyPem }, new Date())).toBe(true);
      expect(cloudFrontAcceptsSignedUrl(signed.href, { [KEY_PAIR_ID]: KEY.publicKeyPem }, new Date(Date.now() + 80 * 60_000))).toBe("expired");
    }
  });

  it("are left out where no signing key is stored yet, and the library is still answered", async () => {
    const answer = await call(STATUS_API_ROUTES.listStatuses, { query: { limit: "100" } }, keylessHandler);
    expect(answer.status).toBe(200);
    const item = UploadListResponse.parse(answer.body).items.find((candidate) => candidate.uploadId === complete);
    expect(item).toMatchObject({ status: "COMPLETE", posterPath: posterPathFor(complete) });
    expect(item).not.toHaveProperty("posterUrl");
  });
});

describe("POST /api/videos/{uploadId}/playback", () => {
  it("gives the owner and an admin three signed cookies for the video's prefix that CloudFront accepts", async () => {
    const prefix = `/${outputPrefixOf(complete)}`;
    for (const caller of [OWNER, ADMIN]) {
      const answer = await call(STATUS_API_ROUTES.grantPlayback, { pathParameters: { uploadId: complete }, caller });
      expect(answer.status).toBe(200);
      const grant = PlaybackGrantResponse.parse(answer.body);
      expect(grant.pathPrefix).toBe(prefix);
      expect(answer.cookies).toHaveLength(3);
      const cookies = Object.fromEntries(answer.cookies.map((header) => [parseSetCookie(header).name, parseSetCookie(header).value]));
      for (const header of answer.cookies) expect(parseSetCookie(header).attributes).toMatchObject({ path: prefix, secure: true, httponly: true, samesite: "Strict" });
      const trusted = { [KEY_PAIR_ID]: KEY.publicKeyPem };
      expect(cloudFrontAccepts(cookies, trusted, `${TEST_SITE_URL}${prefix}master.m3u8`, new Date())).toBe(true);
      expect(cloudFrontAccepts(cookies, trusted, `${TEST_SITE_URL}/${outputPrefixOf(othersUpload)}master.m3u8`, new Date())).toMatch(/^other resource/);
      expect(cloudFrontAccepts(cookies, trusted, `${TEST_SITE_URL}${prefix}x.ts`, new Date(Date.parse(grant.expiresAt)))).toBe("expired");
    }
  });

  it("answers 409 for a video that is not finished", async () => {
    expect((await call(STATUS_API_ROUTES.grantPlayback, { pathParameters: { uploadId: ownersNewestFirst[2]! } })).status).toBe(409);
  });

  it("answers 503, saying why, where no signing key is stored yet", async () => {
    const answer = await call(STATUS_API_ROUTES.grantPlayback, { pathParameters: { uploadId: complete } }, keylessHandler);
    expect(answer.status).toBe(503);
    expect(answer.cookies).toEqual([]);
    expect(ApiErrorBody.parse(answer.body).error).toMatchObject({ code: "PLAYBACK_UNAVAILABLE", message: expect.stringMatching(/holds no key yet/) });
  });
});

describe("POST /api/live/playback", () => {
  it("gives any signed-in caller cookies for the private live channel", async () => {
    for (const caller of [OWNER, OTHER_USER, ADMIN]) {
      const answer = await call(STATUS_API_ROUTES.grantLivePlayback, { caller });
      expect(answer.status).toBe(200);
      expect(LivePlaybackResponse.parse(answer.body)).toMatchObject({ pathPrefix: LIVE_PREFIX });
      const cookies = Object.fromEntries(answer.cookies.map((header) => [parseSetCookie(header).name, parseSetCookie(header).value]));
      expect(cloudFrontAccepts(cookies, { [KEY_PAIR_ID]: KEY.publicKeyPem }, `${TEST_SITE_URL}${LIVE_PREFIX}index.m3u8`, new Date())).toBe(true);
    }
  });

  it("answers that no cookies are needed where live is public", async () => {
    const answer = await call(STATUS_API_ROUTES.grantLivePlayback, {}, keylessHandler);
    expect(answer).toMatchObject({ status: 200, body: { pathPrefix: null }, cookies: [] });
  });
});

describe("DELETE /api/videos/{uploadId}/playback and DELETE /api/live/playback (sign-out)", () => {
  const ended = (answer: { cookies: string[] }): Record<string, string | true>[] =>
    answer.cookies.map((header) => parseSetCookie(header)).map(({ name, value, attributes }) => ({ name, value, ...attributes }));

  it("answers the three cookies expired at the grant's Path, for the owner as for anyone, whatever the id names", async () => {
    const missing = freshUploadId();
    for (const [caller, uploadId] of [[OWNER, complete], [OTHER_USER, complete], [OTHER_USER, othersUpload], [OTHER_USER, missing]] as const) {
      const answer = await call(STATUS_API_ROUTES.endPlayback, { pathParameters: { uploadId }, caller });
      const path = `/${outputPrefixOf(uploadId)}`;
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ pathPrefix: path });
      expect(ended(answer)).toEqual(
        ["CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id"].map((name) => ({ name, value: "", path, "max-age": "0", secure: true, httponly: true, samesite: "Strict" })),
      );
    }
    expectRefusal(await call(STATUS_API_ROUTES.endPlayback, { pathParameters: { uploadId: "../../etc/passwd" } }), 400, "uploadId");
    // It needs no key: cookies can be ended where none can be signed.
    expect((await call(STATUS_API_ROUTES.endPlayback, { pathParameters: { uploadId: complete } }, keylessHandler)).cookies).toHaveLength(3);
  });

  it("ends the private live channel's cookies, and none where live is public", async () => {
    const answer = await call(STATUS_API_ROUTES.endLivePlayback, { caller: OTHER_USER });
    expect(answer.body).toEqual({ pathPrefix: LIVE_PREFIX });
    expect(ended(answer).map((cookie) => [cookie["path"], cookie["max-age"]])).toEqual([[LIVE_PREFIX, "0"], [LIVE_PREFIX, "0"], [LIVE_PREFIX, "0"]]);
    expect(await call(STATUS_API_ROUTES.endLivePlayback, {}, keylessHandler)).toMatchObject({ status: 200, body: { pathPrefix: null }, cookies: [] });
  });
});
