import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ffprobe } from "@video-platform/mediaconvert-stand-in";
import { makeTestClip } from "@video-platform/mediaconvert-stand-in/test-clip";
import { aspectDeviation, CreateUploadResponse, previewFramePathFor, UploadId, UploadStatusResponse } from "@video-platform/shared-types";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2eWorld, type E2eWorld } from "./support/e2e-platform.js";
import { fetchInPage } from "./support/in-page.js";
import { expectPlaying, libraryItem, loadedPoster } from "./support/library.js";
import { signedInPage, type SignedInPage } from "./support/sign-in.js";

interface Source {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  readonly audio: boolean;
}

const SECONDS = 4;
const SOURCES: readonly Source[] = [
  { file: "phone-portrait.mp4", width: 1080, height: 1920, audio: false },
  { file: "old-camera.mp4", width: 640, height: 480, audio: true },
];

describe("every video keeps its shape, is never upscaled, and gets a poster", () => {
  let world: E2eWorld;
  let signedIn: SignedInPage;
  let page: Page;
  const uploadIds = new Map<string, string>();
  const statuses = new Map<string, UploadStatusResponse>();

  beforeAll(async () => {
    world = await startE2eWorld();
    signedIn = await signedInPage(world.browser.context, world.platform);
    ({ page } = signedIn);
  });

  afterAll(async () => {
    await world?.stop();
  });

  const media = (path: string) => new URL(path, `${world.platform.webUrl}/`).href;
  /** The status as the signed-in page gets it, with the page's own token. */
  const statusOf = async (uploadId: string) => {
    const answer = await fetchInPage(page, `/api/status/${encodeURIComponent(uploadId)}`, { token: signedIn.accessToken() });
    return UploadStatusResponse.parse(JSON.parse(answer.body));
  };
  /** A `/vod/` file fetched with the browser's cookies (the playback grant the page asked for). */
  const fetchMedia = (url: string | URL) => page.context().request.get(url.toString());
  /** A poster's signed URL: the file's own address plus CloudFront's query (`Expires`, `Signature`, `Key-Pair-Id`). */
  const expectSignedUrlOf = (src: string | null | undefined, posterPath: string | undefined) => {
    const url = new URL(src ?? "");
    expect(url.origin + url.pathname).toBe(media(posterPath ?? ""));
    expect([...url.searchParams.keys()].sort()).toEqual(["Expires", "Key-Pair-Id", "Signature"]);
  };

  it("uploads a 1080×1920 clip without sound and a 640×480 clip; both reach COMPLETE", async () => {
    world.logOnFailure();
    const paths = await Promise.all(
      SOURCES.map(async (source) => {
        const path = join(world.workDir, source.file);
        await makeTestClip(path, { seconds: SECONDS, width: source.width, height: source.height, audio: source.audio });
        return path;
      }),
    );
    page.on("response", (response) => {
      if (response.url() !== `${world.platform.webUrl}/api/uploads` || response.request().method() !== "POST") return;
      const requested = JSON.parse(response.request().postData() ?? "{}") as { fileName?: string };
      void response.json().then((body: unknown) => uploadIds.set(requested.fileName ?? "", CreateUploadResponse.parse(body).uploadId));
    });
    await page.getByLabel("Choose video files").setInputFiles(paths);
    await expect.poll(() => uploadIds.size, { timeout: 30_000 }).toBe(SOURCES.length);

    for (const source of SOURCES) {
      const item = libraryItem(page, uploadIds.get(source.file) ?? "");
      await expect.poll(() => item.getAttribute("data-status"), { timeout: 240_000, interval: 250 }).toBe("COMPLETE");
      const status = await statusOf(uploadIds.get(source.file) ?? "");
      statuses.set(source.file, status);
      expect(status).toMatchObject({ status: "COMPLETE", durationSeconds: expect.closeTo(SECONDS, 1), posterPath: expect.stringMatching(/\/previews\/frame\.\d{7}\.jpg$/) });
    }
  }, 300_000);

  it("gives every rendition the source's aspect within 1 %, none larger than the source, video-only where the source is", async () => {
    for (const source of SOURCES) {
      const status = statuses.get(source.file);
      if (!status?.playbackPath) throw new Error(`${source.file} did not complete`);
      // The cookies for this video's files, asked for as the watch page asks for them.
      const grant = await fetchInPage(page, `/api/videos/${encodeURIComponent(status.uploadId)}/playback`, { method: "POST", token: signedIn.accessToken() });
      expect(grant.status, grant.body).toBe(200);
      const master = await (await fetchMedia(media(status.playbackPath))).text();
      const variants = [...master.matchAll(/#EXT-X-STREAM-INF:([^\n]*)\n([^\n]+)/g)].map((match) => ({
        attributes: match[1] ?? "",
        uri: (match[2] ?? "").trim(),
      }));
      expect(variants.length, master).toBe(status.renditions?.length);
      for (const variant of variants) {
        const [, width, height] = /RESOLUTION=(\d+)x(\d+)/.exec(variant.attributes) ?? [];
        const declared = { width: Number(width), height: Number(height) };
        expect(aspectDeviation(declared, source), `${source.file} ${variant.uri}`).toBeLessThanOrEqual(0.01);
        expect(declared.width).toBeLessThanOrEqual(source.width);
        expect(declared.height).toBeLessThanOrEqual(source.height);

        // What was encoded, not only what the playlist says: the first segment, probed.
        const playlistUrl = new URL(variant.uri, media(status.playbackPath));
        const playlist = await (await fetchMedia(playlistUrl)).text();
        const segmentUri = playlist.split("\n").find((line) => line.endsWith(".ts")) ?? "";
        const segment = join(world.workDir, `${source.file}-${declared.height}.ts`);
        await writeFile(segment, await (await fetchMedia(new URL(segmentUri, playlistUrl))).body());
        const streams = (await ffprobe(segment)).streams ?? [];
        const video = streams.find((stream) => stream.codec_type === "video");
        expect({ width: video?.width, height: video?.height }).toEqual(declared);
        expect(streams.some((stream) => stream.codec_type === "audio")).toBe(source.audio);
      }
    }
    const portrait = statuses.get("phone-portrait.mp4");
    expect(portrait?.renditions?.map(({ width, height }) => `${width}x${height}`)).toEqual(["1080x1920", "720x1280", "540x960", "360x640"]);
  });

  it("shows each video's poster and length in the library", async () => {
    await page.reload();
    for (const source of SOURCES) {
      const status = statuses.get(source.file);
      const item = libraryItem(page, status?.uploadId ?? "");
      const poster = await loadedPoster(item, source.file);
      expectSignedUrlOf(poster.src, status?.posterPath);
      // This browser holds the video's cookies by now; the signed URL opens the poster on its own too.
      const bare = await fetch(poster.src);
      expect([bare.status, bare.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
      expect(aspectDeviation(poster, source)).toBeLessThanOrEqual(0.01);
      expect(await item.getByTestId("library-duration").textContent()).toBe(`0:0${SECONDS}`);
      expect(await item.getByTestId("library-resolution").textContent()).toBe(`${status?.width}×${status?.height}`);
    }
  });

  it("plays the portrait video filling a 390-pixel-wide phone screen's width, its poster shown first, with previews on its seek bar", async () => {
    world.logOnFailure();
    const status = statuses.get("phone-portrait.mp4");
    const phone = await world.browser.context.newPage();
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${world.platform.webUrl}/#/watch/${status?.uploadId}`);
      const player = phone.getByTestId("player");
      await player.waitFor({ state: "visible", timeout: 30_000 });
      expectSignedUrlOf(await player.getAttribute("poster"), status?.posterPath);
      await expectPlaying(player);
      const box = await player.evaluate((video: HTMLVideoElement) => {
        const rect = video.getBoundingClientRect();
        return { left: rect.left, width: rect.width, height: rect.height, screen: document.documentElement.clientWidth, videoWidth: video.videoWidth, videoHeight: video.videoHeight };
      });
      expect(box.screen).toBe(390);
      expect(Math.abs(box.left)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(box.width - box.screen)).toBeLessThanOrEqual(0.5);
      expect(aspectDeviation(box, { width: 1080, height: 1920 })).toBeLessThanOrEqual(0.01);
      expect(box.videoHeight).toBeGreaterThan(box.videoWidth);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // Pointing at the middle of the seek bar shows the middle's frame, let in by the video's cookies.
      const bar = phone.getByTestId("preview-timeline");
      const barBox = await bar.boundingBox();
      await bar.hover({ position: { x: (barBox?.width ?? 0) / 2, y: (barBox?.height ?? 0) / 2 } });
      const frame = await phone
        .getByTestId("scrub-preview")
        .locator("img")
        .evaluate(async (img: HTMLImageElement) => {
          await img.decode();
          return { src: img.src, width: img.naturalWidth, height: img.naturalHeight };
        });
      const index = Number(/frame\.(\d{7})\.jpg$/.exec(frame.src)?.[1]);
      expect(index).toBeGreaterThanOrEqual(49);
      expect(index).toBeLessThanOrEqual(51);
      expect(frame.src).toBe(media(previewFramePathFor(UploadId.parse(status?.uploadId), index)));
      expect(frame.height).toBeGreaterThan(frame.width);
    } finally {
      await phone.close();
    }
  }, 90_000);
});
