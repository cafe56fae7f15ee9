import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishTestPattern, type PublishingTestPattern } from "../src/live/test-pattern-publisher.js";
import { startE2eWorld, type E2eWorld } from "./support/e2e-platform.js";
import { signedInPage } from "./support/sign-in.js";

describe("the live page, while an encoder pushes SRT", () => {
  let world: E2eWorld;
  let page: Page;
  let publisher: PublishingTestPattern | undefined;

  beforeAll(async () => {
    world = await startE2eWorld();
    ({ page } = await signedInPage(world.browser.context, world.platform));
  });

  afterAll(async () => {
    await publisher?.stop();
    await world?.stop();
  });

  it("finds the live playlist in config.json, on the path CloudFront's live behaviour routes", async () => {
    const config = (await (await fetch(`${world.platform.webUrl}/config.json`)).json()) as { liveHlsPath: string };
    expect(config.liveHlsPath).toBe(world.platform.live?.hlsPath);
    expect(config.liveHlsPath).toMatch(/^\/out\/v1\/[^/]+\/index\.m3u8$/);
  });

  it("says the channel is off before anyone publishes", async () => {
    await page.goto(`${world.platform.webUrl}/#/live`);
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: 15_000 }).toContain("The live channel is off");
  });

  it("plays a 15-second test pattern pushed over SRT: the video's time advances", async () => {
    const logs = world.logs;
    publisher = publishTestPattern({ url: world.platform.live!.publishUrl, durationSeconds: 15, log: (line) => logs.push(line) });
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
