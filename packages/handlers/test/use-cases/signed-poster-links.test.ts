import { posterPathFor, type UploadId, type VideoSummary } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { CloudFrontPlaybackSigner } from "../../src/adapters/cloudfront-playback-signer.js";
import { POSTER_URL_LIFETIME_SECONDS, POSTER_URL_STEP_SECONDS, posterResourceUrl, posterUrlExpiry } from "../../src/core/poster-url.js";
import type { SigningKeyStore } from "../../src/ports/playback-signer.js";
import { signedPosterLinks } from "../../src/use-cases/signed-poster-links.js";
import { UploadQueries } from "../../src/use-cases/upload-queries.js";
import { ADMIN, OWNER } from "../support/callers.js";
import { cloudFrontAcceptsSignedUrl } from "../support/cloudfront-cookies.js";
import { InMemoryUploadTable } from "../support/in-memory/in-memory-upload-table.js";
import { playbackKeyPair, storeHolding } from "../support/playback-keys.js";
import { recordPendingUpload } from "../support/upload-records.js";

const SITE = "https://video.example.test";
const NOW = new Date("2026-02-01T09:31:20.000Z");
const KEY = playbackKeyPair("key-2026");
const TRUSTED = { K2026EXAMPLE: KEY.publicKeyPem };

const summaryOf = (uploadId: UploadId): VideoSummary => ({
  posterPath: posterPathFor(uploadId),
  durationSeconds: 12,
  width: 1080,
  height: 1920,
  renditions: [{ width: 1080, height: 1920, bitrate: 6_000_000 }],
});

/** The status queries on the in-memory table, signing posters as QueryUploadStatus does. */
function library(options: { store?: SigningKeyStore; publicKeyIds?: Record<string, string>; clock?: () => Date } = {}) {
  const table = new InMemoryUploadTable();
  const signer = new CloudFrontPlaybackSigner(options.store ?? storeHolding(KEY.secret), options.publicKeyIds ?? { "key-2026": "K2026EXAMPLE" });
  const queries = new UploadQueries(table, signedPosterLinks({ signer, siteUrl: `${SITE}/app/` }), options.clock ?? (() => NOW));
  /** An upload of the owner's whose job was planned (its summary recorded) and then reached `status`. */
  const video = async (status: "COMPLETE" | "TRANSCODING" | "ERROR", withSummary = true) => {
    const { uploadId, objectKey } = await recordPendingUpload(table, { now: new Date(NOW.getTime() - 60_000) });
    if (withSummary) expect(await table.recordVideo(objectKey, summaryOf(uploadId))).toBe("applied");
    const change = status === "COMPLETE" ? { playbackPath: `vod/${uploadId}/x.m3u8` } : status === "ERROR" ? { errorMessage: "broken" } : {};
    await table.applyStatusChange(objectKey, { status, progress: status === "TRANSCODING" ? 50 : 100, ...change });
    return uploadId;
  };
  return { queries, video };
}

describe("poster URLs in status responses", () => {
  it("sign a finished video's poster for the site's origin, for most of an hour, as CloudFront checks it", async () => {
    const { queries, video } = library();
    const uploadId = await video("COMPLETE");
    const status = await queries.status(OWNER, uploadId);
    expect(status.posterPath).toBe(posterPathFor(uploadId));
    const signed = new URL(status.posterUrl ?? "");
    // The resource is `<site origin>/<posterPath>`: the one distribution serves `/vod/*` from the processed bucket.
    expect(`${signed.origin}${signed.pathname}`).toBe(`${SITE}/${posterPathFor(uploadId)}`);
    expect(signed.searchParams.get("Key-Pair-Id")).toBe("K2026EXAMPLE");
    const expires = Number(signed.searchParams.get("Expires")) * 1000;
    expect(expires).toBe(posterUrlExpiry(NOW).getTime());
    expect(cloudFrontAcceptsSignedUrl(signed.href, TRUSTED, NOW)).toBe(true);
    expect(cloudFrontAcceptsSignedUrl(signed.href, TRUSTED, new Date(NOW.getTime() + (POSTER_URL_LIFETIME_SECONDS - POSTER_URL_STEP_SECONDS) * 1000))).toBe(true);
    expect(cloudFrontAcceptsSignedUrl(signed.href, TRUSTED, new Date(expires))).toBe("expired");
    // Neither another file nor another video's poster opens with it, nor another key.
    expect(cloudFrontAcceptsSignedUrl(signed.href.replace("frame.", "framf."), TRUSTED, NOW)).toBe("bad signature");
    expect(cloudFrontAcceptsSignedUrl(signed.href.replace(uploadId.slice(0, 8), "00000000"), TRUSTED, NOW)).toBe("bad signature");
    expect(cloudFrontAcceptsSignedUrl(signed.href, { K2026EXAMPLE: playbackKeyPair("other").publicKeyPem }, NOW)).toBe("bad signature");
  });

  it("come with every finished video of a list page, for its owner and for an admin", async () => {
    const { queries, video } = library();
    const finished = [await video("COMPLETE"), await video("COMPLETE")];
    for (const caller of [OWNER, ADMIN]) {
      const page = await queries.list(caller, caller.isAdmin ? { scope: "all" } : {});
      const withPoster = page.items.filter((item) => item.posterUrl !== undefined);
      expect(withPoster.map((item) => item.uploadId).sort()).toEqual([...finished].sort());
      for (const item of withPoster) expect(cloudFrontAcceptsSignedUrl(item.posterUrl!, TRUSTED, NOW)).toBe(true);
    }
  });

  it("keep one URL per poster for a while, so the library's polls hit the browser's cache", async () => {
    let now = NOW;
    const { queries, video } = library({ clock: () => now });
    const uploadId = await video("COMPLETE");
    const first = (await queries.status(OWNER, uploadId)).posterUrl;
    now = new Date(NOW.getTime() + 60_000);
    expect((await queries.status(OWNER, uploadId)).posterUrl).toBe(first);
    now = new Date(NOW.getTime() + POSTER_URL_STEP_SECONDS * 1000);
    expect((await queries.status(OWNER, uploadId)).posterUrl).not.toBe(first);
  });

  it("are left out for a video that is not finished, and for one recorded without a poster", async () => {
    const { queries, video } = library();
    for (const uploadId of [await video("TRANSCODING"), await video("ERROR"), await video("COMPLETE", false)]) {
      expect(await queries.status(OWNER, uploadId)).not.toHaveProperty("posterUrl");
    }
  });

  it("are left out, and the list still answered, where no key is stored or its public key is not deployed", async () => {
    for (const keyless of [library({ store: storeHolding() }), library({ publicKeyIds: {} })]) {
      const uploadId = await keyless.video("COMPLETE");
      const page = await keyless.queries.list(OWNER, {});
      expect(page.items.map((item) => item.uploadId)).toEqual([uploadId]);
      expect(page.items[0]).toMatchObject({ status: "COMPLETE", posterPath: posterPathFor(uploadId) });
      expect(page.items[0]).not.toHaveProperty("posterUrl");
    }
  });

  it("fail the request when the key store itself fails (an outage is not 'no key')", async () => {
    const failing: SigningKeyStore = { current: () => Promise.reject(new Error("Secrets Manager is unreachable")) };
    const { queries, video } = library({ store: failing });
    const uploadId = await video("COMPLETE");
    await expect(queries.status(OWNER, uploadId)).rejects.toThrow(/unreachable/);
  });
});

describe("the poster URL's rules", () => {
  it("expire within the playback cookies' hour, more than a step before its end, on a step", () => {
    for (let offset = 0; offset < 2 * POSTER_URL_STEP_SECONDS * 1000; offset += 7_777) {
      const now = new Date(NOW.getTime() + offset);
      const lasts = (posterUrlExpiry(now).getTime() - now.getTime()) / 1000;
      expect(lasts).toBeLessThanOrEqual(POSTER_URL_LIFETIME_SECONDS);
      expect(lasts).toBeGreaterThan(POSTER_URL_LIFETIME_SECONDS - POSTER_URL_STEP_SECONDS);
      expect((posterUrlExpiry(now).getTime() / 1000) % POSTER_URL_STEP_SECONDS).toBe(0);
    }
  });

  it("name the poster under the site's origin, whatever path or slashes the site URL has", () => {
    for (const site of ["https://video.example.test", "https://video.example.test/", "https://video.example.test/app/index.html"]) {
      expect(posterResourceUrl(site, "vod/a/previews/frame.0000010.jpg")).toBe("https://video.example.test/vod/a/previews/frame.0000010.jpg");
      expect(posterResourceUrl(site, "/vod/a/p.jpg")).toBe("https://video.example.test/vod/a/p.jpg");
    }
  });
});
