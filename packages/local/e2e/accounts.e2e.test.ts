/**
 * Two people and an admin on one platform, each in a browser profile of their own: what each one
 * sees, and what the one who does not own a video gets when they ask for it anyway (with their own
 * real token and cookies, taken from their browser).
 */
import { join } from "node:path";
import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { getSignedCookies } from "@aws-sdk/cloudfront-signer";
import {
  CreateUploadResponse,
  PLAYBACK_COOKIE_NAMES,
  PlaybackSigningKeySecret,
  UploadListResponse,
  UploadStatusResponse,
  playbackGrant,
} from "@video-platform/shared-types";
import { makeTestClip } from "@video-platform/mediaconvert-stand-in/test-clip";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLocalUser } from "../src/auth/local-identity.js";
import { startE2eWorld, type E2eWorld } from "./support/e2e-platform.js";
import { fetchInPage } from "./support/in-page.js";
import { chooseFiles, expectPlaying, libraryItem, loadedPoster } from "./support/library.js";
import { signedInPage, type SignedInPage } from "./support/sign-in.js";

const VIEWER = { email: "viewer@example.com", password: "Local-viewer-video1" };
const CLIP = "alices-clip.mp4";

describe("two people and an admin on one platform", () => {
  let world: E2eWorld;
  let owner: SignedInPage;
  let uploadId: string;
  let masterPath: string;

  beforeAll(async () => {
    world = await startE2eWorld();
    await addLocalUser(world.platform.awsEndpoint, world.platform.identity.userPoolId, VIEWER);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("the owner signs in, uploads, sees COMPLETE and plays", async () => {
    world.logOnFailure();
    owner = await signedInPage(world.browser.context, world.platform);
    const clip = join(world.workDir, CLIP);
    await makeTestClip(clip, { seconds: 3, width: 320, height: 180 });
    ({ uploadId } = CreateUploadResponse.parse(await (await chooseFiles(owner.page, clip)).json()));

    const item = libraryItem(owner.page, uploadId);
    await expect.poll(() => item.getAttribute("data-status"), { timeout: 90_000, interval: 250 }).toBe("COMPLETE");
    await loadedPoster(item, CLIP);
    const status = await fetchInPage(owner.page, `/api/status/${encodeURIComponent(uploadId)}`, { token: owner.accessToken() });
    masterPath = `/${UploadStatusResponse.parse(JSON.parse(status.body)).playbackPath?.replace(/^\//, "")}`;

    await owner.page.getByRole("link", { name: `Play ${CLIP}` }).click();
    await expectPlaying(owner.page.getByTestId("player"));
    expect((await fetchInPage(owner.page, masterPath)).status).toBe(200);
  }, 150_000);

  it("another person sees nothing of it; their token gets 404 for its status and playback, their cookies 403 for its files", async () => {
    world.logOnFailure();
    const context = await world.browser.newContext();
    // The library's first list, on whichever page of this profile asks for it.
    const listed = new Promise<UploadListResponse>((resolve) => {
      context.on("response", (response) => {
        if (new URL(response.url()).pathname === "/api/status" && response.ok()) {
          void response.json().then((body: unknown) => resolve(UploadListResponse.parse(body)));
        }
      });
    });
    const viewer = await signedInPage(context, world.platform, VIEWER);
    expect((await listed).items.map((item) => item.uploadId)).not.toContain(uploadId);
    expect(await viewer.page.locator('[data-testid="library-item"]').count()).toBe(0);

    const token = viewer.accessToken();
    const ownStatus = await fetchInPage(viewer.page, `/api/status/${encodeURIComponent(uploadId)}`, { token });
    expect(ownStatus.status).toBe(404);
    const grant = await fetchInPage(viewer.page, `/api/videos/${encodeURIComponent(uploadId)}/playback`, { method: "POST", token });
    expect(grant.status).toBe(404);
    const media = await fetchInPage(viewer.page, masterPath);
    expect(media.status).toBe(403);
    expect(media.refusal).toBe("unsigned");
    // Opening the watch page of the owner's video does not play it.
    const vodAnswers: number[] = [];
    viewer.page.on("response", (response) => {
      if (new URL(response.url()).pathname.startsWith("/vod/")) vodAnswers.push(response.status());
    });
    await viewer.page.goto(`${world.platform.webUrl}/#/watch/${uploadId}`);
    await viewer.page.waitForTimeout(2_000);
    expect(vodAnswers.every((status) => status === 403)).toBe(true);
    const played = await viewer.page.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="player"]')?.currentTime ?? 0);
    expect(played).toBe(0);
  }, 90_000);

  it("an admin sees the upload, with its owner", async () => {
    world.logOnFailure();
    const admin = await signedInPage(await world.browser.newContext(), world.platform, world.platform.identity.users.admin);
    await admin.page.getByRole("switch", { name: "Show everyone's uploads" }).check();
    const item = libraryItem(admin.page, uploadId);
    await expect
      .poll(() => item.getByTestId("library-owner").textContent(), { timeout: 15_000 })
      .toBe(`Uploaded by ${world.platform.identity.users.user.email}`);
    expect(await item.getAttribute("data-owner-id")).toBe(world.platform.identity.users.user.sub);
  }, 60_000);

  it("an expired cookie gets 403, where the same cookie still valid opens the file", async () => {
    world.logOnFailure();
    const { SecretString } = await world.platform.aws.secretsManager.send(
      new GetSecretValueCommand({ SecretId: world.platform.playbackKey.secretName }),
    );
    const { privateKey } = PlaybackSigningKeySecret.parse(JSON.parse(SecretString ?? "null"));
    const cookiesAt = async (issuedAt: Date): Promise<BrowserContext> => {
      const { policy, cookiePath } = playbackGrant({ mediaOrigin: world.platform.webUrl, uploadId, now: issuedAt });
      const cookies = getSignedCookies({ policy, keyPairId: world.platform.playbackKey.keyPairId, privateKey });
      const context = await world.browser.newContext();
      await context.addCookies(
        Object.entries(cookies).map(([name, value]) => ({ name, value: String(value), domain: "127.0.0.1", path: cookiePath })),
      );
      return context;
    };
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
    for (const [issuedAt, expected] of [
      [hoursAgo(2), 403],
      [hoursAgo(0), 200],
    ] as const) {
      const page = await (await cookiesAt(issuedAt)).newPage();
      await page.goto(`${world.platform.webUrl}/config.json`);
      const answer = await fetchInPage(page, masterPath);
      expect(answer.status).toBe(expected);
      if (expected === 403) expect(answer.refusal).toBe("expired");
    }
  }, 60_000);

  it("sign-out: the page asks for the playback cookies it was given to be ended, forgets the tokens (in the browser's other tabs too), and what played before answers 403", async () => {
    world.logOnFailure();
    const { page } = owner;
    const token = owner.accessToken();
    await page.goto(`${world.platform.webUrl}/`);
    expect((await fetchInPage(page, masterPath)).status).toBe(200);
    // A second tab of the same browser, signed in from what the browser kept.
    const otherTab = await page.context().newPage();
    await otherTab.goto(`${world.platform.webUrl}/`);
    await otherTab.getByRole("button", { name: "Sign out" }).waitFor();
    const otherTabNavigations: string[] = [];
    otherTab.on("framenavigated", (frame) => otherTabNavigations.push(frame.url()));

    const ended = page.waitForResponse((response) => response.request().method() === "DELETE" && new URL(response.url()).pathname === `/api/videos/${uploadId}/playback`);
    await page.getByRole("button", { name: "Sign out" }).click();
    expect((await ended).status()).toBe(200);
    await page.getByRole("form", { name: "Sign in" }).waitFor();
    // The other tab heard of it and forgot its tokens too, without a reload.
    await otherTab.getByRole("form", { name: "Sign in" }).waitFor({ timeout: 5_000 });
    expect(otherTabNavigations).toEqual([]);
    await otherTab.close();
    const stored = () => page.evaluate(() => [...Object.values(localStorage), ...Object.values(sessionStorage)].join("\n"));
    await expect.poll(stored, { timeout: 3_000 }).not.toContain(token);

    // The cookies are gone from this browser: the file that played a moment ago is refused.
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(PLAYBACK_COOKIE_NAMES.policy);
    const after = await fetchInPage(page, masterPath);
    expect([after.status, after.refusal]).toEqual([403, "unsigned"]);

    const signedInCalls: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/") && request.headers()["authorization"]) signedInCalls.push(request.url());
    });
    await page.reload();
    await page.goto(`${world.platform.webUrl}/#/watch/${uploadId}`);
    await page.getByRole("form", { name: "Sign in" }).waitFor();
    await page.waitForTimeout(1_000);
    expect(signedInCalls).toEqual([]);

    // What sign-out cannot take back (README, "Signing in locally"): an access token copied out of
    // the browser stays valid at the API until it expires, at most an hour (the JWT authorizer
    // does not ask Cognito, on AWS either).
    expect((await fetchInPage(page, "/api/status", { token })).status).toBe(200);
  }, 60_000);
});
