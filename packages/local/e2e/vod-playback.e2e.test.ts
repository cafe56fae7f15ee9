import { join } from "node:path";
import { CreateUploadResponse, UploadStatusResponse } from "@video-platform/shared-types";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestClip } from "@video-platform/mediaconvert-stand-in/test-clip";
import { startE2eWorld, type E2eWorld } from "./support/e2e-platform.js";
import { chooseFiles, expectPlaying, libraryItem, loadedPoster } from "./support/library.js";
import { fetchInPage } from "./support/in-page.js";
import { signedInPage, type SignedInPage } from "./support/sign-in.js";

describe("a clip uploaded through the page", () => {
  let world: E2eWorld;
  let signedIn: SignedInPage;
  let page: Page;

  beforeAll(async () => {
    world = await startE2eWorld();
    signedIn = await signedInPage(world.browser.context, world.platform);
    ({ page } = signedIn);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("reaches COMPLETE with progress on the way, lists several renditions, and plays", async () => {
    world.logOnFailure();
    const clip = join(world.workDir, "five-seconds.mp4");
    // 540 lines: two rungs (540p and 360p), so the player has a choice.
    await makeTestClip(clip, { seconds: 5, width: 960, height: 540 });

    // Every status answer the page receives, in order: the library's view of the upload, and the watch below.
    const seen: UploadStatusResponse[] = [];
    page.on("response", (response) => {
      if (!response.url().startsWith(`${world.platform.webUrl}/api/status`) || response.request().method() !== "GET") return;
      response
        .json()
        .then((body: { items?: unknown[] }) => {
          for (const item of body.items ?? [body]) {
            const parsed = UploadStatusResponse.safeParse(item);
            if (parsed.success && parsed.data.originalFileName === "five-seconds.mp4") seen.push(parsed.data);
          }
        })
        .catch(() => undefined);
    });

    const { uploadId } = CreateUploadResponse.parse(await (await chooseFiles(page, clip)).json());

    // The library asks every 2 s, so a short job can start and finish between two of its polls.
    // So the page also asks the API itself every 100 ms, with its own token (the listener above
    // records those answers too): every step the job goes through shows there.
    let watching = true;
    const watched = (async () => {
      while (watching) {
        await fetchInPage(page, `/api/status/${encodeURIComponent(uploadId)}`, { token: signedIn.accessToken() }).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    const row = page.locator('[data-testid="upload-row"][data-file-name="five-seconds.mp4"]');
    await expect.poll(() => row.getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
    expect(await row.getByLabel("Upload progress of five-seconds.mp4").getAttribute("value")).toBe("100");

    const item = libraryItem(page, uploadId);
    const domSeen: { status: string | null; progress: number }[] = [];
    await expect
      .poll(
        async () => {
          const status = await item.getAttribute("data-status").catch(() => null);
          domSeen.push({ status, progress: Number(await item.getAttribute("data-progress").catch(() => "0")) });
          return status;
        },
        { timeout: 120_000, interval: 100 },
      )
      .toBe("COMPLETE");
    watching = false;
    await watched;

    const everything = [...seen, ...domSeen];
    const showedProgress = everything.some(
      (point) => point.status === "TRANSCODING" || (point.progress > 0 && point.progress < 100),
    );
    expect(showedProgress, `statuses seen: ${JSON.stringify(everything.map((point) => point.status))}`).toBe(true);
    expect(await item.getAttribute("data-progress")).toBe("100");
    // The poster comes as a signed URL the static front lets through, as CloudFront does.
    const poster = await loadedPoster(item, "five-seconds.mp4");
    expect(poster.width / poster.height).toBeCloseTo(960 / 540, 2);
    expect(new URL(poster.src).searchParams.has("Signature")).toBe(true);

    await page.getByRole("link", { name: "Play five-seconds.mp4" }).click();
    await expect.poll(() => page.url()).toContain(`#/watch/${uploadId}`);
    await expectPlaying(page.getByTestId("player"));

    // What the player was given: the master playlist, opened by the cookies the watch page asked for.
    const playbackPath = seen.find((point) => point.status === "COMPLETE" && point.playbackPath)?.playbackPath;
    expect(playbackPath).toMatch(/^\/?vod\/[0-9a-f-]+\//);
    const master = await page.context().request.get(new URL(playbackPath ?? "", `${world.platform.webUrl}/`).href);
    expect(master.status()).toBe(200);
    const renditions = (await master.text()).split("\n").filter((line) => line.startsWith("#EXT-X-STREAM-INF"));
    expect(renditions.length).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
