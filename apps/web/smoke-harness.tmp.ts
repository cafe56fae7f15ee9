// Throwaway: serves dist + a fake API + a fake bucket, drives Chromium. Not part of the package.
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { join, extname } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium } from "/work/main/packages/local/node_modules/playwright-core/index.mjs";
import { FakeBucket, FakeUploadApi } from "./test/fake-platform.js";
import { ApiError } from "./src/api/api-errors.js";
import type { UploadStatusResponse } from "@video-platform/shared-types";

const bucket = new FakeBucket();
await bucket.start();
const api = new FakeUploadApi(bucket, { singlePutMaxBytes: 100 * 1024 * 1024, partSizeBytes: 8 * 1024 * 1024 });
const items = new Map<string, UploadStatusResponse & { t0: number }>();
const apiLog: string[] = [];

function statusOf(id: string): UploadStatusResponse | undefined {
  const it = items.get(id);
  if (!it) return undefined;
  const landed = bucket.objects.has(`/raw/uploads/${id}`);
  const { t0, ...item } = it;
  if (!landed) return item;
  const since = Date.now() - it.t0;
  if (item.originalFileName.endsWith(".bad.mp4")) return { ...item, status: "ERROR", progress: 0, errorMessage: "Invalid input: no video stream", updatedAt: new Date().toISOString() };
  if (since < 6000) return { ...item, status: "TRANSCODING", progress: Math.min(99, Math.floor(since / 60)), updatedAt: new Date().toISOString() };
  return { ...item, status: "COMPLETE", progress: 100, playbackPath: "vod/sample/master.m3u8", updatedAt: new Date().toISOString() };
}

const apiServer = createServer(async (req, res) => {
  res.setHeader("access-control-allow-origin", "*");
  res.setHeader("access-control-allow-headers", "content-type");
  res.setHeader("access-control-allow-methods", "GET,POST,DELETE");
  if (req.method === "OPTIONS") return void res.writeHead(204).end();
  const url = new URL(req.url ?? "/", "http://x");
  apiLog.push(`${req.method} ${url.pathname}`);
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
  const send = (status: number, payload: unknown) => { res.writeHead(status, { "content-type": "application/json" }); res.end(JSON.stringify(payload)); };
  try {
    let m;
    if (req.method === "POST" && url.pathname === "/uploads") {
      const r = await api.createUpload(body);
      const now = new Date().toISOString();
      items.set(r.uploadId, { uploadId: r.uploadId, fileName: `uploads/${r.uploadId}`, originalFileName: body.fileName, contentType: body.contentType, sizeBytes: body.sizeBytes, uploadMethod: r.method, status: "PENDING_UPLOAD", progress: 0, createdAt: now, updatedAt: now, t0: Date.now() });
      return send(201, r);
    }
    if ((m = /^\/uploads\/([^/]+)\/parts$/.exec(url.pathname))) return send(200, req.method === "GET" ? await api.listStoredParts(m[1]!) : await api.signParts(m[1]!, body));
    if ((m = /^\/uploads\/([^/]+)\/complete$/.exec(url.pathname))) { const r = await api.completeUpload(m[1]!, body); items.get(m[1]!)!.t0 = Date.now(); return send(200, r); }
    if ((m = /^\/uploads\/([^/]+)$/.exec(url.pathname)) && req.method === "DELETE") { const r = await api.abortUpload(m[1]!); items.delete(m[1]!); return send(200, r); }
    if (url.pathname === "/status") {
      const all = [...items.keys()].map(statusOf).filter(Boolean).sort((a, b) => b!.createdAt.localeCompare(a!.createdAt));
      const limit = Number(url.searchParams.get("limit") ?? 20); const start = Number(url.searchParams.get("pageToken") ?? 0);
      const page = all.slice(start, start + limit);
      return send(200, { items: page, ...(start + limit < all.length ? { nextPageToken: String(start + limit) } : {}) });
    }
    if ((m = /^\/status\/([^/]+)$/.exec(url.pathname))) { const s = statusOf(decodeURIComponent(m[1]!)); return s ? send(200, s) : send(404, { error: { code: "NOT_FOUND", message: "No such upload" } }); }
    send(404, { error: { code: "NOT_FOUND", message: "no route" } });
  } catch (e) {
    if (e instanceof ApiError) return send(e.status, { error: { code: e.code, message: e.message, field: e.field } });
    send(500, { error: { code: "INTERNAL", message: String(e) } });
  }
});
await new Promise<void>((r) => apiServer.listen(0, "127.0.0.1", r));
const apiUrl = `http://127.0.0.1:${(apiServer.address() as AddressInfo).port}`;

const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".m3u8": "application/vnd.apple.mpegurl", ".ts": "video/mp2t", ".json": "application/json" };
const live = process.env.LIVE === "1";
const appServer = createServer((req, res) => {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (path === "/config.json") { res.writeHead(200, { "content-type": "application/json" }); return void res.end(JSON.stringify({ uploadApiUrl: apiUrl, statusApiUrl: apiUrl, mediaBaseUrl: "", liveHlsPath: live ? "/vod/sample/master.m3u8" : "/live/channel/index.m3u8", environment: "smoke" })); }
  const file = path.startsWith("/vod/") ? join("/tmp/web-smoke/media", path) : join("/work/main/apps/web/dist", path === "/" ? "index.html" : path);
  if (!existsSync(file) || statSync(file).isDirectory()) return void res.writeHead(404).end("Not found");
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise<void>((r) => appServer.listen(0, "127.0.0.1", r));
const appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}/`;
console.log("app", appUrl, "api", apiUrl);

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--autoplay-policy=no-user-gesture-required"] });
const MODE = process.env.MODE ?? "basic";
if (MODE === "basic") {
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
page.on("console", (m) => console.log("console:", m.type(), m.text()));
page.on("pageerror", (e) => console.log("pageerror:", e.message));
await page.goto(appUrl);
console.log("canPlayType HLS:", JSON.stringify(await page.evaluate(() => document.createElement("video").canPlayType("application/vnd.apple.mpegurl"))));
await page.getByLabel("Choose video files").setInputFiles(["/tmp/web-smoke/clip.mp4", "/tmp/web-smoke/notes.txt"]);
await page.waitForSelector('[data-testid="upload-row"][data-file-name="clip.mp4"][data-state="uploaded"]', { timeout: 15000 });
await page.waitForSelector('[data-testid="upload-row"][data-file-name="notes.txt"][data-state="failed"]', { timeout: 15000 });
console.log("refusal:", await page.locator('[data-testid="upload-row"][data-file-name="notes.txt"] [data-testid="upload-error"]').textContent());
await page.waitForSelector('[data-testid="library-item"][data-status="TRANSCODING"]', { timeout: 15000 });
await page.screenshot({ path: "/tmp/web-smoke/desktop.png" });
await page.waitForSelector('[data-testid="library-item"][data-status="COMPLETE"]', { timeout: 20000 });
await page.setViewportSize({ width: 375, height: 800 });
await page.screenshot({ path: "/tmp/web-smoke/phone.png", fullPage: true });
await page.getByRole("link", { name: "Play clip.mp4" }).click();
const video = page.getByTestId("player");
await video.waitFor();
await page.waitForFunction(() => (document.querySelector('[data-testid="player"]') as HTMLVideoElement).currentTime > 1, null, { timeout: 20000 });
console.log("quality options:", await page.getByLabel("Quality").locator("option").allTextContents());
await page.getByLabel("Quality").selectOption({ index: 2 });
await page.screenshot({ path: "/tmp/web-smoke/player.png" });
await page.goto(appUrl + "#/live");
await page.waitForTimeout(live ? 4000 : 1500);
console.log("live text:", (await page.locator("main").textContent())?.slice(0, 200));
if (live) console.log("live time:", await page.evaluate(() => (document.querySelector('[data-testid="live-player"]') as HTMLVideoElement | null)?.currentTime));
await page.screenshot({ path: "/tmp/web-smoke/live.png" });
// keyboard: tab to the drop button and check focus is visible
await page.goto(appUrl);
await page.keyboard.press("Tab"); await page.keyboard.press("Tab"); await page.keyboard.press("Tab"); await page.keyboard.press("Tab");
console.log("focused:", await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80)));
await page.screenshot({ path: "/tmp/web-smoke/focus.png" });
console.log("api log:", apiLog.filter((l) => !l.startsWith("GET /status")).join(" | "));
}
if (MODE === "hlsjs") {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  page.on("pageerror", (e) => console.log("pageerror:", e.message));
  const requested: string[] = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    const original = HTMLMediaElement.prototype.canPlayType;
    HTMLMediaElement.prototype.canPlayType = function (type: string) { return type.includes("mpegurl") ? "" : original.call(this, type); };
  });
  await page.goto(appUrl);
  await page.getByLabel("Choose video files").setInputFiles(["/tmp/web-smoke/clip.mp4"]);
  await page.waitForSelector('[data-testid="library-item"][data-status="COMPLETE"]', { timeout: 20000 });
  console.log("hls chunk before player:", requested.some((p) => p.includes("/assets/hls-")));
  await page.getByRole("link", { name: "Play clip.mp4" }).click();
  await page.waitForFunction(() => (document.querySelector('[data-testid="player"]') as HTMLVideoElement).currentTime > 1, null, { timeout: 20000 });
  console.log("hls chunk after player:", requested.some((p) => p.includes("/assets/hls-")));
  console.log("quality options:", await page.getByLabel("Quality").locator("option").allTextContents());
  await page.getByLabel("Quality").selectOption({ label: "180p (76 kbps)" });
  await page.waitForTimeout(2500);
  console.log("after switch:", await page.getByLabel("Quality").locator("option").allTextContents(), await page.evaluate(() => (document.querySelector('[data-testid="player"]') as HTMLVideoElement).currentTime));
}
if (MODE === "multipart") {
  const big = "/tmp/web-smoke/big.mp4";
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  page.on("pageerror", (e) => console.log("pageerror:", e.message));
  const puts: string[] = [];
  page.on("request", (r) => { if (r.method() === "PUT") puts.push(new URL(r.url()).searchParams.get("partNumber") ?? "single"); });
  await page.goto(appUrl);
  await page.getByLabel("Choose video files").setInputFiles([big]);
  await page.waitForFunction(() => document.querySelector('[data-testid="upload-row"]')?.getAttribute("data-state") === "uploading");
  let maxInFlight = 0;
  const storedCount = () => [...bucket.parts.values()].reduce((n, m) => n + m.size, 0);
  for (let i = 0; i < 200 && storedCount() < 5; i++) { maxInFlight = Math.max(maxInFlight, bucket.inFlight); await page.waitForTimeout(100); }
  console.log("stored before reload:", [...[...bucket.parts.values()][0]!.keys()].sort((a, b) => a - b), "max in flight (server):", bucket.maxInFlight);
  await page.screenshot({ path: "/tmp/web-smoke/multipart.png" });
  const before = puts.length;
  bucket.label = "after";
  console.log("storage before reload:", await page.evaluate(() => JSON.stringify(localStorage)));
  await page.reload();
  console.log("storage after reload:", await page.evaluate(() => JSON.stringify(localStorage)));
  await page.waitForSelector("text=Unfinished uploads");
  await page.getByLabel("Choose video files").setInputFiles([big]);
  await page.waitForSelector('[data-testid="upload-row"][data-state="uploaded"]', { timeout: 60000 });
  const stored = [...bucket.parts.values()][0]!;
  const after = bucket.puts.filter((p) => p.label === "after").map((p) => p.partNumber);
  console.log("parts after reload:", after.sort((a, b) => (a ?? 0) - (b ?? 0)).join(","), "total parts:", stored.size);
  console.log("api log:", apiLog.filter((l) => !l.startsWith("GET /status")).join(" | "));
  await page.screenshot({ path: "/tmp/web-smoke/multipart-done.png" });
}
await browser.close();
apiServer.close(); appServer.close(); await bucket.stop();
