import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishTestPattern, type PublishingTestPattern } from "../src/live/test-pattern-publisher.js";
import { launchTestBrowser, type TestBrowser } from "./support/browser.js";
import { startLiveFront, type LiveFront } from "./support/live-front.js";

describe("the live page, while an encoder pushes SRT", () => {
  const logs: string[] = [];
  let front: LiveFront;
  let browser: TestBrowser;
  let page: Page;
  let publisher: PublishingTestPattern | undefined;

  beforeAll(async () => {
    front = await startLiveFront((line) => logs.push(line));
    browser = await launchTestBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await publisher?.stop();
    await browser?.close();
    await front?.stop();
  });

  it("says the channel is off before anyone publishes", async () => {
    await page.goto(`${front.webUrl}/#/live`);
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: 15_000 }).toContain("The live channel is off");
  });

  it("plays a 15-second test pattern pushed over SRT: the video's time advances", async () => {
    publisher = publishTestPattern({ url: front.ingest.publishUrl, durationSeconds: 15, log: (line) => logs.push(line) });
    // The page looks for the channel every few seconds and starts the player once it is on.
    const player = page.getByTestId("live-player");
    await player.waitFor({ state: "visible", timeout: 12_000 });
    await expect
      .poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime), { timeout: 10_000 })
      .toBeGreaterThan(0);
    const before = await player.evaluate((video: HTMLVideoElement) => video.currentTime);
    await page.waitForTimeout(2_000);
    const after = await player.evaluate((video: HTMLVideoElement) => video.currentTime);
    expect(after - before, logs.join("\n")).toBeGreaterThan(1);
    expect(await player.evaluate((video: HTMLVideoElement) => video.paused)).toBe(false);
    expect(await publisher.finished).toBe(0);
  }, 40_000);
});
