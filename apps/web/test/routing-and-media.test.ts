import { describe, expect, it } from "vitest";
import { mediaUrl } from "../src/player/media-url.js";
import { qualityLevels } from "../src/player/quality-levels.js";
import { isLiveChannelOn } from "../src/player/live-channel.js";
import { parseRoute, watchHref } from "../src/ui/route.js";
import { uploadId } from "./fixtures.js";

describe("parseRoute", () => {
  it.each([
    ["", { page: "uploads" }],
    ["#/", { page: "uploads" }],
    ["#/live", { page: "live" }],
    ["#/live/", { page: "live" }],
    [`#/watch/${uploadId}`, { page: "watch", uploadId }],
    ["#/watch/", { page: "not-found" }],
    ["#/nope", { page: "not-found" }],
    ["#/watch/%E0%A4%A", { page: "not-found" }],
  ])("%s", (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it("reads back the links it makes", () => {
    expect(parseRoute(watchHref(uploadId))).toEqual({ page: "watch", uploadId });
    expect(watchHref(uploadId)).toBe(`#/watch/${uploadId}`);
  });
});

describe("mediaUrl", () => {
  it("serves media from this origin, like the app and the API, with exactly one slash", () => {
    expect(mediaUrl("vod/abc/master.m3u8", "http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080/vod/abc/master.m3u8");
    expect(mediaUrl("/live/index.m3u8", "https://d1.cloudfront.net/")).toBe("https://d1.cloudfront.net/live/index.m3u8");
  });
});

describe("qualityLevels", () => {
  it("labels each level, tallest first, keeping the player's indexes", () => {
    const levels = qualityLevels([
      { height: 360, bitrate: 1_500_000 },
      { height: 1080, bitrate: 8_500_000 },
      { height: 720, bitrate: 6_000_000 },
      { bitrate: 96_000 },
    ]);
    expect(levels).toEqual([
      { index: 1, label: "1080p (8.5 Mbps)", shortLabel: "1080p" },
      { index: 2, label: "720p (6.0 Mbps)", shortLabel: "720p" },
      { index: 0, label: "360p (1.5 Mbps)", shortLabel: "360p" },
      { index: 3, label: "96 kbps", shortLabel: "96 kbps" },
    ]);
  });
});

describe("isLiveChannelOn", () => {
  const serving = (status: number, body: string) => async () => new Response(body, { status });

  it("is on when the playlist answers with a playlist", async () => {
    await expect(isLiveChannelOn(serving(200, "#EXTM3U\n#EXT-X-VERSION:3\n"), "http://x/live/index.m3u8")).resolves.toBe(true);
  });

  it("is off when the playlist is missing, is not a playlist, or nothing answers", async () => {
    await expect(isLiveChannelOn(serving(404, "Not found"), "http://x/live/index.m3u8")).resolves.toBe(false);
    await expect(isLiveChannelOn(serving(200, "<html></html>"), "http://x/live/index.m3u8")).resolves.toBe(false);
    await expect(isLiveChannelOn(() => Promise.reject(new TypeError("down")), "http://x/live/index.m3u8")).resolves.toBe(false);
  });
});
