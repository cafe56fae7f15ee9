/**
 * Signing in through the web app's own sign-in page, as a person does, and what a test then
 * needs from that browser: the access token the app sends and the cookies it was given.
 */
import type { BrowserContext, Page } from "playwright-core";
import type { DemoCredentials } from "../../src/auth/local-identity.js";
import type { LocalPlatform } from "../../src/index.js";

export interface SignedInPage {
  readonly page: Page;
  /** The bearer token of the page's latest `/api/...` request (the app's access token). */
  accessToken(): string;
}

/** Watches the page's `/api/...` requests for the token the app sends. */
function trackAccessToken(page: Page, webUrl: string): () => string {
  let latest: string | undefined;
  page.on("request", (request) => {
    const authorization = request.headers()["authorization"];
    if (request.url().startsWith(`${webUrl}/api/`) && authorization?.startsWith("Bearer ")) latest = authorization.slice(7);
  });
  return () => {
    if (latest === undefined) throw new Error("the page has sent no signed-in API request yet");
    return latest;
  };
}

/** Fills the sign-in page and waits until the page says who is signed in and shows their videos. */
export async function signInOn(page: Page, credentials: DemoCredentials): Promise<void> {
  const form = page.getByRole("form", { name: "Sign in" });
  await form.getByLabel("E-mail").fill(credentials.email);
  await form.getByLabel("Password", { exact: true }).fill(credentials.password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("account-email").filter({ hasText: credentials.email }).waitFor({ timeout: 30_000 });
  await page.getByRole("heading", { name: "My videos" }).waitFor();
}

/** A new page in `context`, opened on the web app and signed in as `credentials` (the demo user unless given). */
export async function signedInPage(
  context: BrowserContext,
  platform: LocalPlatform,
  credentials: DemoCredentials = platform.identity.users.user,
  path = "/",
): Promise<SignedInPage> {
  const page = await context.newPage();
  const accessToken = trackAccessToken(page, platform.webUrl);
  await page.goto(`${platform.webUrl}${path}`);
  await signInOn(page, credentials);
  return { page, accessToken };
}
