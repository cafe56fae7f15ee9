/**
 * The platform from the outside, on the one origin: what an anonymous caller, a forged or
 * misdirected token, and a caller over their quota get. The anonymous checks run the README's own
 * `curl` commands (the block after its "checked by test/outside-access.test.ts" marker), so the
 * commands shown there are the ones proven here.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ApiErrorBody, PLATFORM_TOPOLOGY, WebAppConfig } from "@video-platform/shared-types";
import { makeTestClip } from "@video-platform/mediaconvert-stand-in/test-clip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_LIMITS, startLocalPlatform, type LocalPlatform } from "../src/index.js";
import { cognitoClient } from "../src/auth/local-identity.js";
import { claimsOf, otherClientOf, tokensFor } from "./auth/support/cognito-sign-in.js";
import { cookieHeaderOf, signedInAs, type SignedInCaller } from "./support/signed-in.js";
import { finalStatus, uploadInOnePut } from "./support/uploads.js";

const README = new URL("../README.md", import.meta.url);
const README_MARKER = "<!-- checked by test/outside-access.test.ts -->";
const OPEN_UPLOADS = 3;

/** The shell block right after the marker in the README. */
async function readmeCommands(): Promise<string> {
  const text = await readFile(README, "utf8");
  const after = text.slice(text.indexOf(README_MARKER));
  const block = /```sh\n([\s\S]*?)```/.exec(after)?.[1];
  if (text.indexOf(README_MARKER) < 0 || block === undefined) throw new Error(`no shell block after ${README_MARKER} in the README`);
  return block;
}

describe("the local platform, from the outside", () => {
  let platform: LocalPlatform;
  let demo: SignedInCaller;
  let workDir: string;
  let finished: { uploadId: string; masterPath: string };
  const logs: string[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), "outside-access-test-"));
    platform = await startLocalPlatform({
      preset: "ultrafast",
      statusUpdateIntervalMs: 300,
      livePrivate: true,
      limits: { ...LOCAL_LIMITS, uploadQuota: { ...LOCAL_LIMITS.uploadQuota, maxOpenUploads: OPEN_UPLOADS } },
      log: (line) => logs.push(line),
    });
    demo = await signedInAs(platform, platform.identity.users.user);

    // A finished video, so that a 403 under /vod/ is about the cookies and not a missing file.
    const clip = join(workDir, "clip.mp4");
    await makeTestClip(clip, { seconds: 2, width: 320, height: 180 });
    const uploadId = await uploadInOnePut(demo, "clip.mp4", await readFile(clip));
    const status = await finalStatus(demo, uploadId, { context: () => logs.join("\n") });
    if (status.status !== "COMPLETE" || !status.playbackPath) throw new Error(`the clip did not finish (${status.status}):\n${logs.join("\n")}`);
    finished = { uploadId, masterPath: `/${status.playbackPath.replace(/^\//, "")}` };
  }, 150_000);

  afterAll(async () => {
    await platform?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("answers the README's curl commands: 401 on every route of the topology without a token, 403 on a finished master playlist without cookies", async () => {
    const { stdout } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", await readmeCommands()], {
      env: { ...process.env, SITE: platform.webUrl, MOTO: platform.awsEndpoint },
    });
    const answers = new Map(
      stdout
        .trim()
        .split("\n")
        .map((line) => [line.slice(4), Number(line.slice(0, 3))] as const),
    );
    const routeKeys = Object.values(PLATFORM_TOPOLOGY.apis).flatMap((api) => Object.values(api.routes).map((route) => route.routeKey));
    expect(routeKeys.length).toBeGreaterThanOrEqual(10);
    for (const routeKey of routeKeys) expect(answers.get(routeKey), routeKey).toBe(401);
    expect(answers.get(`GET ${finished.masterPath}`), stdout).toBe(403);
    expect(answers.size).toBe(routeKeys.length + 1);

    // With the owner's cookies the same file is there: the 403 was the cookies'.
    const granted = await demo.api(`/api/videos/${encodeURIComponent(finished.uploadId)}/playback`, { method: "POST" });
    const master = await fetch(`${platform.webUrl}${finished.masterPath}`, { headers: { cookie: cookieHeaderOf(granted) } });
    expect(master.status).toBe(200);
    expect(await master.text()).toContain("#EXT-X-STREAM-INF");
  });

  it("refuses tokens the JWT authorizer would refuse: garbage, an ID token, another client's token; takes the access token", async () => {
    const cognito = cognitoClient(platform.awsEndpoint);
    try {
      const pool = { userPoolId: platform.identity.userPoolId, clientId: platform.identity.webClientId };
      const tokens = await tokensFor(cognito, pool, platform.identity.users.user);
      const otherClient = await otherClientOf(cognito, platform.identity.userPoolId);
      const foreign = await tokensFor(cognito, { ...pool, clientId: otherClient }, platform.identity.users.user);
      expect(claimsOf(foreign.accessToken)["client_id"]).toBe(otherClient);
      const list = (token: string) => fetch(`${platform.webUrl}/api/status`, { headers: { authorization: `Bearer ${token}` } });
      for (const token of ["not-a-jwt", tokens.idToken, foreign.accessToken, `${tokens.accessToken.slice(0, -4)}AAAA`]) {
        const response = await list(token);
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ message: "Unauthorized" });
      }
      expect((await list(tokens.accessToken)).status).toBe(200);
    } finally {
      cognito.destroy();
    }
  });

  it("refuses an upload over the per-user quota it was given with 429, saying which limit", async () => {
    const create = (caller: SignedInCaller, name: string) =>
      caller.api("/api/uploads", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ fileName: name, contentType: "video/mp4", sizeBytes: 1000 }),
      });
    for (let i = 0; i < OPEN_UPLOADS; i += 1) expect((await create(demo, `open-${i}.mp4`)).status).toBe(201);
    const refused = await create(demo, "one-too-many.mp4");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(ApiErrorBody.parse(await refused.json()).error).toMatchObject({ code: "quota_exceeded", limit: "open-uploads" });
    // Another person's quota is their own.
    const admin = await signedInAs(platform, platform.identity.users.admin);
    expect((await create(admin, "admins-own.mp4")).status).toBe(201);
  });

  it("keeps a private live channel behind playback cookies, which the live route grants to a signed-in viewer", async () => {
    const config = WebAppConfig.parse(await (await fetch(`${platform.webUrl}/config.json`)).json());
    expect(config.livePrivate).toBe(true);
    const playlist = `${platform.webUrl}${config.liveHlsPath}`;
    const closed = await fetch(playlist);
    expect(closed.status).toBe(403);
    const granted = await demo.api("/api/live/playback", { method: "POST" });
    expect(granted.status).toBe(200);
    // Past the check: nothing is being published, so the channel's own 404.
    expect((await fetch(playlist, { headers: { cookie: cookieHeaderOf(granted) } })).status).toBe(404);
  });
});
