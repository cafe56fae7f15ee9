import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { HeadObjectCommand, ListPartsCommand } from "@aws-sdk/client-s3";
import {
  CreateUploadResponse,
  objectKeyOf,
  SINGLE_PUT_MAX_BYTES,
  StoredPartsResponse,
  UploadStatusResponse,
} from "@video-platform/shared-types";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_RESOURCES } from "../src/index.js";
import { signedInAs } from "../test/support/signed-in.js";
import { startE2eWorld, type E2eWorld } from "./support/e2e-platform.js";
import { chooseFiles } from "./support/library.js";
import { signedInPage } from "./support/sign-in.js";

const SIZE_BYTES = 120 * 1024 * 1024; // 125.8 MB
const FILE_NAME = "feature-film.mp4";

async function writeLargeFile(path: string, sizeBytes: number): Promise<void> {
  const out = createWriteStream(path);
  for (let written = 0; written < sizeBytes; ) {
    const chunk = randomBytes(Math.min(4 * 1024 * 1024, sizeBytes - written));
    written += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

function partNumberOf(request: Request): number | undefined {
  if (request.method() !== "PUT") return undefined;
  const value = new URL(request.url()).searchParams.get("partNumber");
  return value === null ? undefined : Number(value);
}

/** Watches a page's part PUTs: how many were in flight at most, and which parts S3 accepted. */
class PartTraffic {
  inFlight = 0;
  maxInFlight = 0;
  readonly stored: number[] = [];
  readonly sent: number[] = [];

  constructor(page: Page) {
    page.on("request", (request) => {
      const part = partNumberOf(request);
      if (part === undefined) return;
      this.sent.push(part);
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    });
    page.on("requestfinished", (request) => {
      const part = partNumberOf(request);
      if (part === undefined) return;
      this.inFlight -= 1;
      void request.response().then((response) => {
        if (response?.ok()) this.stored.push(part);
      });
    });
    page.on("requestfailed", (request) => {
      if (partNumberOf(request) !== undefined) this.inFlight -= 1;
    });
  }
}

describe("a large file uploaded through the page", () => {
  let world: E2eWorld;
  let filePath: string;

  beforeAll(async () => {
    world = await startE2eWorld();
    filePath = join(world.workDir, FILE_NAME);
    await writeLargeFile(filePath, SIZE_BYTES);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("goes multipart with several parts in flight, and resumes after a reload without re-sending stored parts", async () => {
    world.logOnFailure();
    expect(SIZE_BYTES).toBeGreaterThanOrEqual(SINGLE_PUT_MAX_BYTES);
    const { page } = await signedInPage(world.browser.context, world.platform);
    const before = new PartTraffic(page);
    const upload = CreateUploadResponse.parse(await (await chooseFiles(page, filePath)).json());
    if (upload.method !== "MULTIPART") throw new Error(`expected a multipart upload, got ${upload.method}`);
    const totalParts = Math.ceil(SIZE_BYTES / upload.partSizeBytes);
    expect(totalParts).toBeGreaterThanOrEqual(8);

    // Midway: enough parts stored to matter, and (checked below) not all of them.
    await expect.poll(() => before.stored.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(4);
    expect(before.maxInFlight).toBeGreaterThanOrEqual(3);
    await page.reload();
    const key = objectKeyOf(upload.uploadId);
    const listed = await world.platform.aws.s3.send(
      new ListPartsCommand({ Bucket: LOCAL_RESOURCES.rawBucket, Key: key, UploadId: upload.multipartUploadId }),
    );
    const storedAtReload = new Set((listed.Parts ?? []).map((part) => part.PartNumber ?? 0));
    for (const part of before.stored) expect(storedAtReload).toContain(part);
    expect(storedAtReload.size).toBeLessThan(totalParts);

    const after = new PartTraffic(page);
    const askedForStoredParts = page.waitForResponse(
      (response) =>
        response.url().startsWith(`${world.platform.webUrl}/api/uploads/`) && response.url().endsWith("/parts") && response.request().method() === "GET",
    );
    await page.getByLabel("Choose video files").setInputFiles(filePath);
    const storedPartsAnswer = await askedForStoredParts;
    expect(storedPartsAnswer.status()).toBe(200);
    // What the resumed page was told S3 holds. A part that was still arriving at the reload may
    // have landed after the ListParts above, so this (not that) is the set it must not re-send.
    const storedAtResume = new Set(StoredPartsResponse.parse(await storedPartsAnswer.json()).parts.map((part) => part.partNumber));
    for (const part of storedAtReload) expect(storedAtResume).toContain(part);
    expect(storedAtResume.size).toBeLessThan(totalParts);
    const row = page.locator(`[data-testid="upload-row"][data-file-name="${FILE_NAME}"]`);
    await expect.poll(() => row.getAttribute("data-state"), { timeout: 120_000 }).toBe("done");

    const resent = after.sent.filter((part) => storedAtResume.has(part));
    expect(resent, `parts S3 already had: ${[...storedAtResume].join(",")}`).toEqual([]);
    const allParts = new Set([...storedAtResume, ...after.stored]);
    expect(allParts.size).toBe(totalParts);

    const object = await world.platform.aws.s3.send(new HeadObjectCommand({ Bucket: LOCAL_RESOURCES.rawBucket, Key: key }));
    expect(object.ContentLength).toBe(SIZE_BYTES);
    // The upload is in the flow now: the object-created event moved it past PENDING_UPLOAD.
    const owner = await signedInAs(world.platform, world.platform.identity.users.user);
    await expect
      .poll(
        async () => {
          const response = await owner.api(`/api/status/${encodeURIComponent(upload.uploadId)}`);
          return UploadStatusResponse.parse(await response.json()).status;
        },
        { timeout: 30_000 },
      )
      .not.toBe("PENDING_UPLOAD");
  }, 240_000);
});
