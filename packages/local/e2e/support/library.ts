import type { Locator } from "playwright-core";
import { expect } from "vitest";

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
