import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // The player may start without a click, as a person's tab would after they pressed Play.
  "--autoplay-policy=no-user-gesture-required",
];

export interface TestBrowser {
  /** The first person's browser profile (cookies, storage). */
  readonly context: BrowserContext;
  /** Another person's profile in the same browser: cookies and storage of its own. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Headless Chromium; each context is a profile of its own, thrown away on close. */
export async function launchTestBrowser(): Promise<TestBrowser> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    return { context, newContext: () => browser.newContext(), close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
