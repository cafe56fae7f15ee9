import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2eWorld, type E2eWorld } from "./support/e2e-platform.js";
import { signInOn } from "./support/sign-in.js";

/** Tabs forward until the focused element's accessible text matches, or gives up. */
async function tabUntil(page: Page, text: RegExp, maxTabs = 15): Promise<string> {
  for (let tab = 0; tab < maxTabs; tab += 1) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return `${element?.getAttribute("aria-label") ?? ""} ${element?.innerText ?? ""}`.trim();
    });
    if (text.test(focused)) return focused;
  }
  throw new Error(`no element matching ${text} was reached with the keyboard`);
}

describe("the web app on a phone, with the keyboard only", () => {
  let world: E2eWorld;
  let page: Page;

  beforeAll(async () => {
    world = await startE2eWorld();
    page = await world.browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(world.platform.webUrl);
    await signInOn(page, world.platform.identity.users.user);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("fits a 375-pixel-wide screen without sideways scrolling", async () => {
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  });

  it("opens the file picker from the keyboard and shows a refusal next to the file", async () => {
    await tabUntil(page, /select videos/i);
    // Record that Enter opens the picker, without waiting on the browser's own dialog (its
    // interception races the key press); the files then go in as a person's choice would.
    await page.evaluate(() => {
      const picker = document.querySelector<HTMLInputElement>('input[type="file"]');
      picker?.addEventListener(
        "click",
        (event) => {
          event.preventDefault();
          document.body.dataset["pickerOpened"] = "yes";
        },
        { once: true },
      );
    });
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.body.dataset["pickerOpened"])).toBe("yes");
    await page.getByLabel("Choose video files").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("not a film\n"),
    });
    const row = page.locator('[data-testid="upload-row"][data-file-name="notes.txt"]');
    await expect.poll(() => row.getAttribute("data-state"), { timeout: 30_000 }).toBe("failed");
    expect(await row.getByTestId("upload-error").textContent()).toMatch(/video/i);
  }, 60_000);

  it("reaches the live page from the keyboard", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator("body").focus();
    await tabUntil(page, /^live$/i);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe("#/live");
  });
});
