import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import {
  ApiErrorBody,
  CreateUploadResponse,
  MEDIACONVERT_JOB_STATE_CHANGE,
  objectKeyOf,
  PLATFORM_TOPOLOGY,
  UNREADABLE_REASON,
  UploadListResponse,
  UploadStatusResponse,
  WebAppConfig,
  type PlatformTopology,
  type UploadStatus,
} from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_RESOURCES, startLocalPlatform, type LocalPlatform } from "../src/index.js";
import { makeTestClip } from "@video-platform/mediaconvert-stand-in/test-clip";

/** Jobs of a second platform sharing the bus; only the extra rule below listens to them. */
const SIBLING_PLATFORM = `${LOCAL_RESOURCES.platformId}-sibling`;

/** The platform's topology plus one rule and one route: the local platform must render both. */
const extendedTopology: PlatformTopology = {
  ...PLATFORM_TOPOLOGY,
  eventRules: [
    ...PLATFORM_TOPOLOGY.eventRules,
    {
      name: "sibling-job-state",
      description: "State changes of the sibling platform's jobs",
      pattern: () => ({
        source: [MEDIACONVERT_JOB_STATE_CHANGE.source],
        "detail-type": [MEDIACONVERT_JOB_STATE_CHANGE.detailType],
        detail: { userMetadata: { platform: [SIBLING_PLATFORM] } },
      }),
      targets: ["UpdateUploadStatus"],
    },
  ],
  apis: {
    ...PLATFORM_TOPOLOGY.apis,
    MovieStatusApi: {
      routes: {
        ...PLATFORM_TOPOLOGY.apis.MovieStatusApi.routes,
        probe: { routeKey: "GET /status-probe", function: "QueryUploadStatus", access: "public" },
      },
    },
  },
};

/** The flow over plain HTTP, as the browser drives it, without the browser: fast and precise. */
describe("the local platform", () => {
  let platform: LocalPlatform;
  let workDir: string;
  const logs: string[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), "local-platform-test-"));
    const webRoot = join(workDir, "web");
    await mkdir(webRoot);
    await writeFile(join(webRoot, "index.html"), "<!doctype html><title>app shell</title>");
    platform = await startLocalPlatform({
      webRoot,
      preset: "ultrafast",
      statusUpdateIntervalMs: 300,
      topology: extendedTopology,
      log: (line) => logs.push(line),
    });
  });

  afterAll(async () => {
    await platform?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  async function createUpload(body: unknown) {
    return fetch(`${platform.uploadApiUrl}/uploads`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: platform.webUrl },
      body: JSON.stringify(body),
    });
  }

  async function statusOf(uploadId: string) {
    const response = await fetch(`${platform.statusApiUrl}/status/${encodeURIComponent(uploadId)}`);
    expect(response.status).toBe(200);
    return UploadStatusResponse.parse(await response.json());
  }

  async function waitForTerminal(uploadId: string, seen: Set<UploadStatus>) {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const status = await statusOf(uploadId);
      seen.add(status.status);
      if (status.status === "COMPLETE" || status.status === "ERROR") return status;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${uploadId} never finished; logs:\n${logs.join("\n")}`);
  }

  it("serves the app shell, an SPA fallback, and a config.json that names its own APIs", async () => {
    const config = WebAppConfig.parse(await (await fetch(`${platform.webUrl}/config.json`)).json());
    expect(config).toMatchObject({ uploadApiUrl: platform.uploadApiUrl, statusApiUrl: platform.statusApiUrl, mediaBaseUrl: "" });
    const deepLink = await fetch(`${platform.webUrl}/watch/anything`);
    expect(await deepLink.text()).toContain("app shell");
    expect((await fetch(`${platform.webUrl}/vod/none/none.m3u8`)).status).toBe(404);
  });

  it("answers CORS preflights for the web origin only, as the HTTP API's CORS setting does", async () => {
    const preflight = (origin: string) =>
      fetch(`${platform.uploadApiUrl}/uploads`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
    const allowed = await preflight(platform.webUrl);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(platform.webUrl);
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    const other = await preflight("http://127.0.0.1:1");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect((await fetch(`${platform.uploadApiUrl}/nowhere`)).status).toBe(404);
  });

  it("takes a clip from presigned PUT to COMPLETE, shows it TRANSCODING on the way, and serves its HLS under /vod/", async () => {
    const clip = join(workDir, "clip.mp4");
    await makeTestClip(clip, { seconds: 3, width: 640, height: 360 });
    const bytes = await readFile(clip);
    const created = await createUpload({ fileName: "My clip.mp4", contentType: "video/mp4", sizeBytes: bytes.length });
    expect(created.status).toBe(201);
    expect(created.headers.get("access-control-allow-origin")).toBe(platform.webUrl);
    const upload = CreateUploadResponse.parse(await created.json());
    if (upload.method !== "PUT") throw new Error("a small file must go up in one PUT");
    expect((await statusOf(upload.uploadId)).status).toBe("PENDING_UPLOAD");

    const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: bytes });
    expect(put.status).toBe(200);

    const seen = new Set<UploadStatus>();
    const final = await waitForTerminal(upload.uploadId, seen);
    expect(final.status, final.errorMessage).toBe("COMPLETE");
    expect(seen).toContain("TRANSCODING");
    expect(final.progress).toBe(100);
    // The same path CloudFront serves the processed bucket under.
    expect(final.playbackPath).toMatch(/^\/?vod\/[0-9a-f-]+\/[0-9a-f-]+\.m3u8$/);
    const masterUrl = new URL(final.playbackPath ?? "", `${platform.webUrl}/`);
    const master = await fetch(masterUrl);
    expect(master.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
    const playlist = await master.text();
    const renditions = playlist.split("\n").filter((line) => line.endsWith(".m3u8"));
    // A 640×360 source: the one rung at its own size, nothing upscaled.
    expect(renditions).toHaveLength(1);
    expect(final.renditions?.map(({ width, height }) => `${width}x${height}`)).toEqual(["640x360"]);
    const poster = await fetch(new URL(final.posterPath ?? "", `${platform.webUrl}/`));
    expect([poster.status, poster.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
    const media = await (await fetch(new URL(renditions[0] ?? "", masterUrl))).text();
    const segment = media.split("\n").find((line) => line.endsWith(".ts")) ?? "";
    const ranged = await fetch(new URL(segment, masterUrl), { headers: { range: "bytes=0-187" } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(188);

    const list = UploadListResponse.parse(await (await fetch(`${platform.statusApiUrl}/status?limit=5`)).json());
    expect(list.items.map((item) => item.uploadId)).toContain(upload.uploadId);
  }, 120_000);

  it("ends a text file named .mp4 in ERROR with the trigger's reason, and refuses a .txt at the API", async () => {
    const text = Buffer.from("this is not a film\n");
    const created = await createUpload({ fileName: "notes.mp4", contentType: "video/mp4", sizeBytes: text.length });
    const upload = CreateUploadResponse.parse(await created.json());
    if (upload.method !== "PUT") throw new Error("expected a single PUT");
    await fetch(upload.url, { method: "PUT", headers: upload.headers, body: text });
    const final = await waitForTerminal(upload.uploadId, new Set());
    expect(final.status).toBe("ERROR");
    expect(final.errorMessage).toBe(UNREADABLE_REASON);

    const refused = await createUpload({ fileName: "notes.txt", contentType: "text/plain", sizeBytes: 10 });
    expect(refused.status).toBe(400);
    const body = ApiErrorBody.parse(await refused.json());
    expect(body.error.message).toMatch(/video/);
  }, 120_000);

  it("renders the topology it is given: an added route reaches its function, an added rule delivers to its target", async () => {
    // The function answers (its own error body), not the API front's "Not Found".
    const probe = await fetch(`${platform.statusApiUrl}/status-probe`);
    expect(probe.status).toBe(404);
    expect(ApiErrorBody.parse(await probe.json()).error.message).toBe("no route GET /status-probe");

    const created = await createUpload({ fileName: "sibling.mp4", contentType: "video/mp4", sizeBytes: 10 });
    const { uploadId } = CreateUploadResponse.parse(await created.json());
    const detail = {
      status: "STATUS_UPDATE",
      jobId: "sibling-job",
      userMetadata: { uploadId, fileName: objectKeyOf(uploadId), platform: SIBLING_PLATFORM },
      jobProgress: { jobPercentComplete: 40 },
    };
    await platform.aws.eventBridge.send(
      new PutEventsCommand({
        Entries: [{ Source: MEDIACONVERT_JOB_STATE_CHANGE.source, DetailType: MEDIACONVERT_JOB_STATE_CHANGE.detailType, Detail: JSON.stringify(detail) }],
      }),
    );
    const deadline = Date.now() + 20_000;
    let status = await statusOf(uploadId);
    while (status.status !== "TRANSCODING" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await statusOf(uploadId);
    }
    expect(status).toMatchObject({ status: "TRANSCODING", progress: 40 });
  }, 30_000);
});
