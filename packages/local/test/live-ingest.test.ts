import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LiveLadder } from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveHlsArguments, srtListenerUrl, SrtPassphraseError } from "../src/live/live-hls-args.js";
import { liveHlsBehaviour } from "../src/live/live-hls-behaviour.js";
import { LOCAL_LIVE_HLS_PATH, LOCAL_LIVE_PATH_PREFIX } from "../src/live/live-paths.js";
import { LiveLadderError, localLiveRenditions } from "../src/live/live-rendition.js";
import { startSrtLiveIngest } from "../src/live/srt-live-ingest.js";
import { publishTestPattern } from "../src/live/test-pattern-publisher.js";
import { localWebAppConfig } from "../src/web/web-app-config.js";

describe("the local live encoder's settings", () => {
  it("listens for SRT on loopback with the latency in libsrt's microseconds", () => {
    const url = new URL(srtListenerUrl({ host: "127.0.0.1", port: 9000, latencyMs: 120 }));
    expect(url.protocol).toBe("srt:");
    expect(url.host).toBe("127.0.0.1:9000");
    expect(url.searchParams.get("mode")).toBe("listener");
    expect(url.searchParams.get("latency")).toBe("120000");
    expect(url.searchParams.has("passphrase")).toBe(false);
  });

  it("takes a passphrase only of a length SRT accepts, with AES-256", () => {
    const url = new URL(srtListenerUrl({ host: "127.0.0.1", port: 9000, latencyMs: 120, passphrase: "correct horse" }));
    expect(url.searchParams.get("passphrase")).toBe("correct horse");
    expect(url.searchParams.get("pbkeylen")).toBe("32");
    expect(() => srtListenerUrl({ host: "127.0.0.1", port: 9000, latencyMs: 120, passphrase: "short" })).toThrow(SrtPassphraseError);
  });

  it("encodes only the rungs of the live ladder the machine can afford", () => {
    expect(localLiveRenditions(540).map((rendition) => rendition.height)).toEqual([540]);
    expect(localLiveRenditions(720).map((rendition) => rendition.height)).toEqual([720, 540]);
    expect(() => localLiveRenditions(360)).toThrow(LiveLadderError);
  });

  it("cuts 2-second segments on a keyframe grid and names playlists as MediaPackage does", () => {
    const args = liveHlsArguments({
      srtUrl: "srt://127.0.0.1:9000?mode=listener",
      outputDir: "/tmp/live",
      renditions: localLiveRenditions(720),
      ladder: LiveLadder,
      preset: "veryfast",
      playlistSize: 6,
    });
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    expect(after("-hls_time")).toBe(String(LiveLadder.segmentSeconds));
    expect(after("-force_key_frames")).toBe(`expr:gte(t,n_forced*${LiveLadder.gopSeconds})`);
    expect(after("-master_pl_name")).toBe("index.m3u8");
    expect(after("-var_stream_map")).toBe("v:0,a:0,name:720p v:1,a:1,name:540p");
    expect(after("-b:v:0")).toBe(String(LiveLadder.renditions[1]!.videoBitrate));
    expect(args.at(-1)).toBe("/tmp/live/index_%v.m3u8");
    expect(after("-hls_flags")).toContain("delete_segments");
  });

  it("serves the live HLS under the same prefix CloudFront's live behaviour routes", () => {
    expect(LOCAL_LIVE_PATH_PREFIX).toBe("/out/v1/local/");
    expect(LOCAL_LIVE_HLS_PATH).toBe("/out/v1/local/index.m3u8");
  });

  it("names the live playlist in config.json when live is on, and null when it is off", () => {
    const pool = {
      auth: { region: "us-east-1", userPoolId: "us-east-1_local", userPoolClientId: "web" },
      cognitoEndpoint: "http://127.0.0.1:1",
      livePrivate: false,
    };
    expect(localWebAppConfig({ ...pool, liveHlsPath: LOCAL_LIVE_HLS_PATH }).liveHlsPath).toBe(LOCAL_LIVE_HLS_PATH);
    expect(localWebAppConfig({ ...pool, liveHlsPath: null }).liveHlsPath).toBeNull();
  });
});

describe("the live HLS route", () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "live-route-"));
    await writeFile(join(dir, "index.m3u8"), "#EXTM3U\n");
    await writeFile(join(dir, "index_540p_1.ts"), Buffer.from([0x47, 0, 0, 0]));
    const live = liveHlsBehaviour({ outputDir: dir, signed: false });
    server = createServer((request, response) => {
      if (request.url?.startsWith(live.pathPrefix)) live.serve(request, response);
      else response.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it("serves playlists as HLS that caches for about a second", async () => {
    const response = await fetch(`${base}${LOCAL_LIVE_HLS_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
    expect(response.headers.get("cache-control")).toBe("max-age=1");
    expect(await response.text()).toBe("#EXTM3U\n");
  });

  it("serves segments as MPEG-TS that never change", async () => {
    const response = await fetch(`${base}${LOCAL_LIVE_PATH_PREFIX}index_540p_1.ts`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("video/mp2t");
    expect(response.headers.get("cache-control")).toContain("immutable");
  });

  it("answers 404 for what is not there, and leaves other paths to the next route", async () => {
    const missing = await fetch(`${base}${LOCAL_LIVE_PATH_PREFIX}index_540p_2.ts`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("no-store");
    expect((await fetch(`${base}${LOCAL_LIVE_PATH_PREFIX}../../../etc/passwd`)).status).not.toBe(200);
    expect((await fetch(`${base}/vod/x.m3u8`)).status).toBe(418);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`nothing after ${timeoutMs} ms`);
}

const segmentsIn = async (playlist: string) => {
  if (!existsSync(playlist)) return undefined;
  const lines = (await readFile(playlist, "utf8")).split("\n").filter((line) => line.endsWith(".ts"));
  return lines.length > 0 ? lines : undefined;
};

describe("the SRT listener", () => {
  it("turns a publisher's stream into live HLS, and listens again after the publisher hangs up", async () => {
    const logs: string[] = [];
    const ingest = await startSrtLiveIngest({ preset: "ultrafast", log: (line) => logs.push(line) });
    try {
      const variant = join(ingest.outputDir, "index_540p.m3u8");
      const first = publishTestPattern({ url: ingest.publishUrl, durationSeconds: 4 });
      const firstSegments = await waitFor(() => segmentsIn(variant), 10_000);
      expect(await readFile(join(ingest.outputDir, "index.m3u8"), "utf8")).toContain("index_540p.m3u8");
      expect(await first.finished).toBe(0);
      await waitFor(async () => (ingest.sessionsEnded() === 1 ? true : undefined), 10_000);

      const second = publishTestPattern({ url: ingest.publishUrl, durationSeconds: 4 });
      const secondSegments = await waitFor(() => segmentsIn(variant), 10_000);
      // A new session never reuses a segment name a player or cache has already seen.
      expect(secondSegments.some((segment) => firstSegments.includes(segment))).toBe(false);
      expect(await second.finished).toBe(0);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${logs.join("\n")}`);
    } finally {
      await ingest.stop();
    }
    expect(existsSync(ingest.outputDir)).toBe(false);
  }, 40_000);

  it("replaces an idle listener after its listen timeout, so an orphaned one cannot hold the port, and still takes a publisher", async () => {
    const logs: string[] = [];
    const ingest = await startSrtLiveIngest({ preset: "ultrafast", listenTimeoutMs: 1_000, log: (line) => logs.push(line) });
    try {
      const firstListener = ingest.listenerPid();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(ingest.listenerPid()).toBeDefined();
      expect(ingest.listenerPid()).not.toBe(firstListener);
      expect(ingest.sessionsEnded()).toBe(0);
      const publisher = publishTestPattern({ url: ingest.publishUrl, durationSeconds: 3 });
      await waitFor(() => segmentsIn(join(ingest.outputDir, "index_540p.m3u8")), 10_000);
      expect(await publisher.finished).toBe(0);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${logs.join("\n")}`);
    } finally {
      await ingest.stop();
    }
  }, 30_000);
});
