/**
 * Prints the local live channel's glass-to-glass delay: ffmpeg pushes a test pattern over SRT with
 * its wall clock burned in as a strip of blocks (src/live/clock-strip.ts), the local platform makes
 * live HLS of it, and headless Chromium plays the live page. Twice a second the page copies the
 * playing frame to a canvas, the strip is read back, and the frame's clock is compared with the
 * browser's (the same machine clock).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { LiveLadder } from "@video-platform/shared-types";
import { launchTestBrowser } from "../e2e/support/browser.js";
import { clockStripSamplePoints, decodeClockStrip } from "../src/live/clock-strip.js";
import { publishTestPattern } from "../src/live/test-pattern-publisher.js";
import { startLocalPlatform } from "../src/local-platform.js";

const PUBLISH_SECONDS = 40;
const WARM_UP_MS = 4_000;
const SAMPLES = 30;
const SAMPLE_EVERY_MS = 500;

interface FrameSample {
  readonly shownAtMs: number;
  readonly luma: number[];
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const logs: string[] = [];
const platform = await startLocalPlatform({ live: { preset: "veryfast" }, log: (line) => logs.push(line) });
const browser = await launchTestBrowser();
const publisher = publishTestPattern({ url: platform.live!.publishUrl, durationSeconds: PUBLISH_SECONDS });
try {
  const page = await browser.context.newPage();
  await page.goto(`${platform.webUrl}/#/live`);
  const player = page.getByTestId("live-player");
  await player.waitFor({ state: "visible", timeout: 30_000 });
  await page.waitForFunction(
    () => ((document.querySelector('[data-testid="live-player"]') as HTMLVideoElement | null)?.currentTime ?? 0) > 0,
    undefined,
    { timeout: 30_000 },
  );
  await sleep(WARM_UP_MS);

  const delays: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const width = await player.evaluate((video: HTMLVideoElement) => video.videoWidth);
    const sample: FrameSample = await player.evaluate((video: HTMLVideoElement, points: [number, number][]) => {
      const canvas = document.createElement("canvas");
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext("2d", { willReadFrequently: true })!;
      context.drawImage(video, 0, 0);
      const shownAtMs = Date.now();
      const luma = points.map(([x, y]) => {
        const [r = 0, g = 0, b = 0] = context.getImageData(x, y, 1, 1).data;
        return (r + g + b) / 3;
      });
      return { shownAtMs, luma };
    }, clockStripSamplePoints(width));
    const sentAtMs = decodeClockStrip(sample.luma);
    if (sentAtMs !== undefined) delays.push(sample.shownAtMs - sentAtMs);
    await sleep(SAMPLE_EVERY_MS);
  }
  if (delays.length === 0) throw new Error(`no frame carried a readable clock\n${logs.join("\n")}`);

  const senderLag = publisher.senderLagMs() ?? 0;
  const sorted = delays.map((delay) => delay - senderLag).sort((a, b) => a - b);
  console.log(`live glass-to-glass delay, local (SRT → ffmpeg live HLS, ${LiveLadder.segmentSeconds} s segments → hls.js in Chromium)`);
  console.log(`  frames read    ${sorted.length} of ${SAMPLES}`);
  console.log(
    `  delay          median ${seconds(percentile(sorted, 0.5))}   p90 ${seconds(percentile(sorted, 0.9))}   ` +
      `min ${seconds(sorted[0]!)}   max ${seconds(sorted.at(-1)!)}`,
  );
  console.log(`  sender start-up lag, subtracted: ${seconds(senderLag)}`);
} finally {
  await publisher.stop();
  await browser.close();
  await platform.stop();
}
