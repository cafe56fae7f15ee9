import { join } from "node:path";
import { readFile } from "node:fs/promises";
import { makeTestSong } from "@video-platform/mediaconvert-stand-in/test-clip";
import { ApiErrorBody, NO_VIDEO_REASON, UNREADABLE_REASON } from "@video-platform/shared-types";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2eWorld, type E2eWorld } from "./support/e2e-platform.js";
import { chooseFiles, libraryItem } from "./support/library.js";
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

  /** Uploads one file through the page; resolves once the library shows it in ERROR, with its id. */
  async function uploadUntilError(file: { name: string; mimeType: string; buffer: Buffer }): Promise<string> {
    const { uploadId } = (await (await chooseFiles(page, file)).json()) as { uploadId: string };
    const row = page.locator(`[data-testid="upload-row"][data-file-name="${file.name}"]`);
    await expect.poll(() => row.getAttribute("data-state"), { timeout: 30_000 }).toBe("done");
    const item = libraryItem(page, uploadId);
    await expect.poll(() => item.getAttribute("data-status"), { timeout: 60_000, interval: 250 }).toBe("ERROR");
    return uploadId;
  }

  /** What the MediaConvert stand-in was asked about one upload: its Probe and CreateJob calls. */
  function callsAbout(uploadId: string): string[] {
    return world.platform.mediaConvertCalls
      .filter((call) => JSON.stringify(call.input).includes(uploadId.replace(/\.[^.]+$/, "")))
      .map((call) => call.operation);
  }

  it("an MP3 renamed .mp4 uploads, then ends in ERROR saying it has no video track, and no job is created", async () => {
    world.logOnFailure();
    const song = join(world.workDir, "song.mp3");
    await makeTestSong(song, 3);
    const uploadId = await uploadUntilError({ name: "favourite-song.mp4", mimeType: "video/mp4", buffer: await readFile(song) });
    const item = libraryItem(page, uploadId);
    expect(await item.getByTestId("library-error").textContent()).toBe(NO_VIDEO_REASON);
    expect(NO_VIDEO_REASON).toMatch(/no video track/);
    expect(callsAbout(uploadId)).toEqual(["Probe"]);
  }, 120_000);

  it("a text file named .mp4 uploads, then ends in ERROR saying it could not be read, and no job is created", async () => {
    world.logOnFailure();
    const uploadId = await uploadUntilError({
      name: "shopping-list.mp4",
      mimeType: "video/mp4",
      buffer: Buffer.from("eggs\nmilk\nbread\n".repeat(20)),
    });
    const item = libraryItem(page, uploadId);
    expect(await item.getByTestId("library-error").textContent()).toBe(UNREADABLE_REASON);
    expect(callsAbout(uploadId)).toEqual(["Probe"]);
  }, 120_000);

  it("a .txt file is refused with the API's own message next to it", async () => {
    world.logOnFailure();
    const file = { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a film\n") };
    const response = await chooseFiles(page, file);
    expect(response.status()).toBe(400);
    const { error } = ApiErrorBody.parse(await response.json());

    const row = page.locator('[data-testid="upload-row"][data-file-name="notes.txt"]');
    await expect.poll(() => row.getAttribute("data-state"), { timeout: 30_000 }).toBe("failed");
    const shown = await row.getByTestId("upload-error").textContent();
    expect(shown).toContain(error.message);
    expect(error.message).toMatch(/video/i);
  }, 60_000);
});
