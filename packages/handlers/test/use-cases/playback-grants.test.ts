import { PLAYBACK_COOKIE_NAMES, objectKeyOf, outputPrefixOf } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { CloudFrontPlaybackSigner } from "../../src/adapters/cloudfront-playback-signer.js";
import { PlaybackUnavailableError, UploadNotFoundError, UploadStateConflictError } from "../../src/core/upload-errors.js";
import { PlaybackGrants } from "../../src/use-cases/playback-grants.js";
import { ADMIN, OTHER_USER, OWNER } from "../support/callers.js";
import { cloudFrontAccepts, cloudFrontAcceptsSignedUrl, parseSetCookie } from "../support/cloudfront-cookies.js";
import { InMemoryUploadTable } from "../support/in-memory/in-memory-upload-table.js";
import { playbackKeyPair, storeHolding } from "../support/playback-keys.js";
import { freshUploadId, recordInStatus } from "../support/upload-records.js";

const SITE = "https://video.example.test";
const NOW = new Date("2026-02-01T09:30:00.000Z");
const KEY = playbackKeyPair("key-2026");
const TRUSTED = { K2026EXAMPLE: KEY.publicKeyPem };

function grants(options: { privateLive?: string; store?: ReturnType<typeof storeHolding>; publicKeyIds?: Record<string, string> } = {}) {
  const table = new InMemoryUploadTable();
  const signer = new CloudFrontPlaybackSigner(options.store ?? storeHolding(KEY.secret), options.publicKeyIds ?? { "key-2026": "K2026EXAMPLE" });
  const playback = new PlaybackGrants({ table, signer, siteUrl: SITE, privateLivePathPrefix: options.privateLive ?? "", clock: () => NOW });
  const video = (status: "COMPLETE" | "TRANSCODING" = "COMPLETE", ownerId = OWNER.sub) => {
    const uploadId = freshUploadId();
    table.put(recordInStatus(uploadId, status === "COMPLETE" ? { status, progress: 100 } : { status, progress: 40 }, ownerId));
    return uploadId;
  };
  return { table, playback, video };
}

const cookieValues = (setCookies: readonly string[]) => Object.fromEntries(setCookies.map((header) => [parseSetCookie(header).name, parseSetCookie(header).value]));

describe("playback cookies for a video", () => {
  it("open every file under the video's prefix, and nothing else, for an hour, as CloudFront checks them", async () => {
    const { playback, video } = grants();
    const uploadId = video();
    const prefix = `/${outputPrefixOf(uploadId)}`;
    const { cookies, body } = await playback.video(OWNER, uploadId);

    expect(body).toEqual({ pathPrefix: prefix, expiresAt: "2026-02-01T10:30:00.000Z", renewAt: "2026-02-01T10:25:00.000Z" });
    expect(cookies.map((header) => parseSetCookie(header).name).sort()).toEqual(Object.values(PLAYBACK_COOKIE_NAMES).sort());
    for (const header of cookies) {
      expect(parseSetCookie(header).attributes).toEqual({ path: prefix, "max-age": "3600", secure: true, httponly: true, samesite: "Strict" });
    }
    const values = cookieValues(cookies);
    expect(values[PLAYBACK_COOKIE_NAMES.keyPairId]).toBe("K2026EXAMPLE");
    expect(cloudFrontAccepts(values, TRUSTED, `${SITE}${prefix}${uploadId.replace(/\.mp4$/, "")}.m3u8`, NOW)).toBe(true);
    expect(cloudFrontAccepts(values, TRUSTED, `${SITE}${prefix}seg_720p_00042.ts`, new Date(NOW.getTime() + 3599_000))).toBe(true);
    expect(cloudFrontAccepts(values, TRUSTED, `${SITE}${prefix}seg.ts`, new Date(NOW.getTime() + 3600_000))).toBe("expired");
    expect(cloudFrontAccepts(values, TRUSTED, `${SITE}/${outputPrefixOf(freshUploadId())}x.m3u8`, NOW)).toMatch(/^other resource/);
    expect(cloudFrontAccepts(values, TRUSTED, `https://elsewhere.example${prefix}x.m3u8`, NOW)).toMatch(/^other resource/);
    expect(cloudFrontAccepts(values, { K2026EXAMPLE: playbackKeyPair("other").publicKeyPem }, `${SITE}${prefix}x.ts`, NOW)).toBe("bad signature");
  });

  it("are granted to an admin for anyone's video", async () => {
    const { playback, video } = grants();
    const uploadId = video("COMPLETE", OTHER_USER.sub);
    expect((await playback.video(ADMIN, uploadId)).body.pathPrefix).toBe(`/${outputPrefixOf(uploadId)}`);
  });

  it("are refused to anyone else exactly as for a missing video, and for a video that is not finished", async () => {
    const { playback, video, table } = grants();
    const uploadId = video();
    await expect(playback.video(OTHER_USER, uploadId)).rejects.toBeInstanceOf(UploadNotFoundError);
    await expect(playback.video(OTHER_USER, freshUploadId())).rejects.toBeInstanceOf(UploadNotFoundError);
    const running = video("TRANSCODING");
    await expect(playback.video(OWNER, running)).rejects.toBeInstanceOf(UploadStateConflictError);
    await expect(playback.video(OTHER_USER, running)).rejects.toBeInstanceOf(UploadNotFoundError);
    expect(await table.get(objectKeyOf(uploadId))).toBeDefined();
  });

  it("are unavailable (503), saying why, while no key is stored or its public key is not deployed", async () => {
    const empty = grants({ store: storeHolding() });
    const noKey = await empty.playback.video(OWNER, empty.video()).catch((error: unknown) => error);
    expect(noKey).toBeInstanceOf(PlaybackUnavailableError);
    expect((noKey as Error).message).toMatch(/holds no key yet/);
    const undeployed = grants({ publicKeyIds: {} });
    const notDeployed = await undeployed.playback.video(OWNER, undeployed.video()).catch((error: unknown) => error);
    expect(notDeployed).toBeInstanceOf(PlaybackUnavailableError);
    expect((notDeployed as Error).message).toMatch(/key-2026 is not deployed/);
  });
});

describe("playback cookies for the live channel", () => {
  it("are not needed while live is public", async () => {
    expect(await grants().playback.live()).toEqual({ body: { pathPrefix: null } });
  });

  it("open the private channel's prefix to any signed-in caller", async () => {
    const { cookies, body } = await grants({ privateLive: "/out/v1/channel/" }).playback.live();
    expect(body).toMatchObject({ pathPrefix: "/out/v1/channel/", expiresAt: "2026-02-01T10:30:00.000Z" });
    const values = cookieValues(cookies ?? []);
    expect(cloudFrontAccepts(values, TRUSTED, `${SITE}/out/v1/channel/index.m3u8`, NOW)).toBe(true);
    expect(cloudFrontAccepts(values, TRUSTED, `${SITE}/vod/x/x.m3u8`, NOW)).toMatch(/^other resource/);
  });
});

describe("ending playback at sign-out", () => {
  it("expires each cookie a grant set, by name and Path, with no key and no record needed", async () => {
    const { playback, video } = grants();
    const uploadId = video();
    const granted = (await playback.video(OWNER, uploadId)).cookies.map(parseSetCookie);
    const keyless = grants({ store: storeHolding() }).playback;
    const { cookies, body } = keyless.endVideo(uploadId);
    expect(body).toEqual({ pathPrefix: `/${outputPrefixOf(uploadId)}` });
    const ended = cookies.map(parseSetCookie);
    const nameAndPath = ({ name, attributes }: ReturnType<typeof parseSetCookie>) => `${name} ${String(attributes.path)}`;
    expect(ended.map(nameAndPath).sort()).toEqual(granted.map(nameAndPath).sort());
    for (const cookie of ended) {
      expect(cookie).toEqual({ name: cookie.name, value: "", attributes: { path: body.pathPrefix, "max-age": "0", secure: true, httponly: true, samesite: "Strict" } });
    }
  });

  it("answers the same for any well-formed id, so it tells nothing of other people's uploads, and refuses a malformed one", () => {
    const { playback, video } = grants();
    const answers = [video("COMPLETE", OWNER.sub), video("COMPLETE", OTHER_USER.sub), freshUploadId()].map((uploadId) => {
      const { pathPrefix } = playback.endVideo(uploadId).body;
      return JSON.stringify(playback.endVideo(uploadId)).replaceAll(pathPrefix ?? "", "<path>");
    });
    expect(new Set(answers).size).toBe(1);
    expect(() => playback.endVideo("../../etc/passwd")).toThrow(/uploadId/);
    expect(() => playback.endVideo(undefined)).toThrow(/uploadId/);
  });

  it("expires the private live channel's cookies, and has nothing to end where live is public", () => {
    const { cookies, body } = grants({ privateLive: "/out/v1/channel/" }).playback.endLive();
    expect(body).toEqual({ pathPrefix: "/out/v1/channel/" });
    expect(cookies.map((header) => parseSetCookie(header).attributes)).toEqual(
      Object.values(PLAYBACK_COOKIE_NAMES).map(() => expect.objectContaining({ path: "/out/v1/channel/", "max-age": "0" })),
    );
    expect(grants().playback.endLive()).toEqual({ cookies: [], body: { pathPrefix: null } });
  });
});

describe("signed URLs for stills (posters)", () => {
  it("sign one URL with a canned policy that ends when asked, as CloudFront checks it", async () => {
    const signer = new CloudFrontPlaybackSigner(storeHolding(KEY.secret), { "key-2026": "K2026EXAMPLE" });
    const url = `${SITE}/vod/abc/poster.jpg`;
    const signed = new URL(await signer.signedUrl(url, new Date("2026-02-01T09:35:00.000Z")));
    expect(`${signed.origin}${signed.pathname}`).toBe(url);
    expect(signed.searchParams.get("Expires")).toBe(String(Date.parse("2026-02-01T09:35:00.000Z") / 1000));
    expect(signed.searchParams.get("Key-Pair-Id")).toBe("K2026EXAMPLE");
    expect(cloudFrontAcceptsSignedUrl(signed.href, TRUSTED, NOW)).toBe(true);
    expect(cloudFrontAcceptsSignedUrl(signed.href, TRUSTED, new Date("2026-02-01T09:35:00.000Z"))).toBe("expired");
    expect(cloudFrontAcceptsSignedUrl(signed.href.replace("poster.jpg", "other.jpg"), TRUSTED, NOW)).toBe("bad signature");
    await expect(new CloudFrontPlaybackSigner(storeHolding(), {}).signedUrl(url, NOW)).rejects.toBeInstanceOf(PlaybackUnavailableError);
  });
});
