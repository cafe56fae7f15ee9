import { describe, expect, it } from "vitest";
import { parseMasterPlaylist } from "../src/player/master-playlist.js";
import { qualityLevels } from "../src/player/quality-levels.js";

const master = [
  "#EXTM3U",
  "#EXT-X-VERSION:3",
  '#EXT-X-STREAM-INF:BANDWIDTH=8628000,AVERAGE-BANDWIDTH=6100000,CODECS="avc1.640028,mp4a.40.2",RESOLUTION=1920x1080',
  "film_1080p.m3u8",
  "",
  '#EXT-X-STREAM-INF:BANDWIDTH=1596000,CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=640x360',
  "https://cdn.example/other/film_360p.m3u8",
  "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI=\"iframes.m3u8\"",
].join("\n");

describe("parseMasterPlaylist", () => {
  it("lists each rendition with an absolute URL, its bitrate and size, despite commas in quoted values", () => {
    const variants = parseMasterPlaylist(master, "https://cdn.example/vod/abc/master.m3u8");
    expect(variants).toEqual([
      { url: "https://cdn.example/vod/abc/film_1080p.m3u8", bitrate: 6_100_000, width: 1920, height: 1080 },
      { url: "https://cdn.example/other/film_360p.m3u8", bitrate: 1_596_000, width: 640, height: 360 },
    ]);
    expect(qualityLevels(variants).map((level) => level.label)).toEqual(["1080p (6.1 Mbps)", "360p (1.6 Mbps)"]);
  });

  it("finds nothing in a media playlist", () => {
    expect(parseMasterPlaylist("#EXTM3U\n#EXTINF:6.0,\nseg0.ts\n", "https://cdn.example/live/index.m3u8")).toEqual([]);
  });
});
