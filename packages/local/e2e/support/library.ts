import type { Locator, Page, Response } from "playwright-core";
import { expect } from "vitest";

/** One video in the page's library. */
export function libraryItem(page: Page, uploadId: string): Locator {
  return page.locator(`[data-testid="library-item"][data-upload-id="${uploadId}"]`);
}

/** Chooses files in the library's upload picker; resolves with the API's answer to the first upload it creates (or refuses). */
export async function chooseFiles(page: Page, files: Parameters<Locator["setInputFiles"]>[0]): Promise<Response> {
  const created = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/uploads" && response.request().method() === "POST");
  await page.getByLabel("Choose video files").setInputFiles(files);
  return created;
}

/**
 * Starts the watch page's player muted (a person's tab would play after they pressed Play) and
 * waits until more than a second of the video has played.
 */
export async function expectPlaying(player: Locator): Promise<void> {
  await player.waitFor({ state: "visible", timeout: 30_000 });
  await player.evaluate((video: HTMLVideoElement) => {
    video.muted = true;
    if (video.paused) void video.play().catch(() => undefined);
  });
  const startedAt = await player.evaluate((video: HTMLVideoElement) => video.currentTime);
  await expect.poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime), { timeout: 30_000 }).toBeGreaterThan(startedAt + 1);
}

export interface LoadedPoster {
  /** The image's address: the signed URL the status API handed out. */
  readonly src: string;
  readonly width: number;
  readonly height: number;
}

/**
 * The poster of a library item, once the browser has actually loaded it (`naturalWidth > 0`): the
 * static front let its signed URL through and the bytes decoded as an image. Lazy images load
 * only near the viewport, so it is scrolled into view first.
 */
export async function loadedPoster(item: Locator, fileName: string): Promise<LoadedPoster> {
  const poster = item.getByRole("img", { name: `Poster of ${fileName}` });
  await poster.waitFor({ state: "visible", timeout: 30_000 });
  await poster.scrollIntoViewIfNeeded();
  await expect
    .poll(() => poster.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), { timeout: 15_000 })
    .toBe(true);
  return poster.evaluate((image: HTMLImageElement) => ({ src: image.currentSrc, width: image.naturalWidth, height: image.naturalHeight }));
}
