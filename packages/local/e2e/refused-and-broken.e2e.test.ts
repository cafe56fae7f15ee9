import { ApiErrorBody } from "@video-platform/shared-types";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { startE2eWorld, type E2eWorld } from "./support/e2e-platform.js";
import { signedInPage } from "./support/sign-in.js";

describe("files that are not films", () => {
  let world: E2eWorld;
  let page: Page;

  beforeAll(async () => {
    world = await startE2eWorld();
    ({ page } = await signedInPage(world.browser.context, world.platform));
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("a text file named .mp4 uploads, then ends in ERROR with MediaConvert's reason in the library", async () => {
    onTestFailed(() => console.log(`platform log:\n${world.logs.join("\n")}`));
    const created = page.waitForResponse((response) => response.url() === `${world.platform.webUrl}/api/uploads`);
    await page.getByLabel("Choose video files").setInputFiles({
      name: "shopping-list.mp4",
      mimeType: "video/mp4",
      buffer: Buffer.from("eggs\nmilk\nbread\n".repeat(20)),
    });
    const { uploadId } = (await (await created).json()) as { uploadId: string };
    const row = page.locator('[data-testid="upload-row"][data-file-name="shopping-list.mp4"]');
    await expect.poll(() => row.getAttribute("data-state"), { timeout: 30_000 }).toBe("done");

    const item = page.locator(`[data-testid="library-item"][data-upload-id="${uploadId}"]`);
    await expect.poll(() => item.getAttribute("data-status"), { timeout: 60_000, interval: 250 }).toBe("ERROR");
    await expect.poll(() => item.textContent()).toMatch(/Unable to open input file \[s3:\/\/[^\]]+\]: .+/);
  }, 120_000);

  it("a .txt file is refused with the API's own message next to it", async () => {
    onTestFailed(() => console.log(`platform log:\n${world.logs.join("\n")}`));
    const file = { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a film\n") };
    const refusal = page.waitForResponse((response) => response.url() === `${world.platform.webUrl}/api/uploads`);
    await page.getByLabel("Choose video files").setInputFiles(file);
    const response = await refusal;
    expect(response.status()).toBe(400);
    const { error } = ApiErrorBody.parse(await response.json());

    const row = page.locator('[data-testid="upload-row"][data-file-name="notes.txt"]');
    await expect.poll(() => row.getAttribute("data-state"), { timeout: 30_000 }).toBe("failed");
    const shown = await row.getByTestId("upload-error").textContent();
    expect(shown).toContain(error.message);
    expect(error.message).toMatch(/video/i);
  }, 60_000);
});
