import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import {
  ApiErrorBody,
  CreateUploadResponse,
  PLAYBACK_COOKIE_NAMES,
  PlaybackGrantResponse,
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
import { cookieHeaderOf, signedInAs, type SignedInCaller } from "./support/signed-in.js";
import { finalStatus, uploadInOnePut } from "./support/uploads.js";

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
        probe: { routeKey: "GET /api/probe", function: "QueryUploadStatus", access: "public" },
      },
    },
  },
};

/** The flow over plain HTTP, as the browser drives it (signed in, on the one origin), without the browser: fast and precise. */
describe("the local platform", () => {
  let platform: LocalPlatform;
  let demo: SignedInCaller;
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
    demo = await signedInAs(platform, platform.identity.users.user);
  });

  afterAll(async () => {
    await platform?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  async function createUpload(body: unknown) {
    return demo.api("/api/uploads", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  }

  async function statusOf(uploadId: string) {
    const response = await demo.api(`/api/status/${encodeURIComponent(uploadId)}`);
    expect(response.status).toBe(200);
    return UploadStatusResponse.parse(await response.json());
  }

  const waitForTerminal = (uploadId: string, seen?: Set<UploadStatus>) =>
    finalStatus(demo, uploadId, { ...(seen ? { seen } : {}), context: () => `logs:\n${logs.join("\n")}` });

  it("serves the app shell, an SPA fallback, and a config.json that names its user pool and Cognito front", async () => {
    const config = WebAppConfig.parse(await (await fetch(`${platform.webUrl}/config.json`)).json());
    expect(config).toEqual({
      auth: {
        region: LOCAL_RESOURCES.region,
        userPoolId: platform.identity.userPoolId,
        userPoolClientId: platform.identity.webClientId,
        endpoint: platform.identity.cognitoEndpoint,
      },
      liveHlsPath: platform.live?.hlsPath ?? null,
      livePrivate: false,
      environment: "local",
    });
    const keys = (await (await fetch(`${platform.identity.cognitoEndpoint}/${platform.identity.userPoolId}/.well-known/jwks.json`)).json()) as {
      keys: unknown[];
    };
    expect(keys.keys.length).toBeGreaterThan(0);
    const deepLink = await fetch(`${platform.webUrl}/watch/anything`);
    expect(await deepLink.text()).toContain("app shell");
  });

  it("answers /api/... on the web origin with no CORS of its own (the app is same-origin), and API Gateway's 404 for an unknown route", async () => {
    const created = await createUpload({ fileName: "cors.mp4", contentType: "video/mp4", sizeBytes: 10 });
    expect(created.status).toBe(201);
    expect(created.headers.get("access-control-allow-origin")).toBeNull();
    const unknown = await demo.api("/api/uploads/a/b/c");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: "Not Found" });
  });

  it("takes a clip from presigned PUT to COMPLETE, shows it TRANSCODING on the way, and serves its HLS under /vod/", async () => {
    const clip = join(workDir, "clip.mp4");
    await makeTestClip(clip, { seconds: 3, width: 640, height: 360 });
    const bytes = await readFile(clip);
    const created = await createUpload({ fileName: "My clip.mp4", contentType: "video/mp4", sizeBytes: bytes.length });
    expect(created.status).toBe(201);
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
    expect((await fetch(masterUrl)).status).toBe(403);

    // The playback route: three CloudFront cookies for this video's prefix, on the one origin.
    const granted = await demo.api(`/api/videos/${encodeURIComponent(upload.uploadId)}/playback`, { method: "POST" });
    expect(granted.status).toBe(200);
    const grant = PlaybackGrantResponse.parse(await granted.json());
    expect(masterUrl.pathname.startsWith(grant.pathPrefix)).toBe(true);
    const setCookies = granted.headers.getSetCookie();
    expect(setCookies.map((cookie) => cookie.split("=")[0]).sort()).toEqual(Object.values(PLAYBACK_COOKIE_NAMES).sort());
    for (const cookie of setCookies) {
      expect(cookie).toContain(`Path=${grant.pathPrefix}`);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Strict/i);
    }
    const cookie = cookieHeaderOf(granted);
    const master = await fetch(masterUrl, { headers: { cookie } });
    expect(master.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
    const playlist = await master.text();
    const renditions = playlist.split("\n").filter((line) => line.endsWith(".m3u8"));
    // A 640×360 source: the one rung at its own size, nothing upscaled.
    expect(renditions).toHaveLength(1);
    expect(final.renditions?.map(({ width, height }) => `${width}x${height}`)).toEqual(["640x360"]);
    // The poster is private like the rest: 403 bare, 200 with the cookies, and 200 through the signed posterUrl alone.
    const posterUrl = new URL(final.posterPath ?? "", `${platform.webUrl}/`);
    expect((await fetch(posterUrl)).status).toBe(403);
    const poster = await fetch(posterUrl, { headers: { cookie } });
    expect([poster.status, poster.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
    expect(final.posterUrl?.startsWith(posterUrl.href)).toBe(true);
    const signedPoster = await fetch(final.posterUrl ?? "");
    expect([signedPoster.status, signedPoster.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
    const media = await (await fetch(new URL(renditions[0] ?? "", masterUrl), { headers: { cookie } })).text();
    const segment = media.split("\n").find((line) => line.endsWith(".ts")) ?? "";
    const ranged = await fetch(new URL(segment, masterUrl), { headers: { range: "bytes=0-187", cookie } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(188);

    const list = UploadListResponse.parse(await (await demo.api("/api/status?limit=5")).json());
    expect(list.items.map((item) => item.uploadId)).toContain(upload.uploadId);
  }, 120_000);

  it("ends a text file named .mp4 in ERROR with the trigger's reason, and refuses a .txt at the API", async () => {
    const uploadId = await uploadInOnePut(demo, "notes.mp4", Buffer.from("this is not a film\n"));
    const final = await waitForTerminal(uploadId);
    expect(final.status).toBe("ERROR");
    expect(final.errorMessage).toBe(UNREADABLE_REASON);

    const refused = await createUpload({ fileName: "notes.txt", contentType: "text/plain", sizeBytes: 10 });
    expect(refused.status).toBe(400);
    const body = ApiErrorBody.parse(await refused.json());
    expect(body.error.message).toMatch(/video/);
  }, 120_000);

  it("renders the topology it is given: an added public route reaches its function without a token, an added rule delivers to its target", async () => {
    // The function answers (its own error body), not the API front's 401 or "Not Found".
    const probe = await fetch(`${platform.webUrl}/api/probe`);
    expect(ApiErrorBody.safeParse(await probe.json()).success).toBe(true);

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
