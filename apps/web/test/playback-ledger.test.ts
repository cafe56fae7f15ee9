import { PLAYBACK_COOKIE_LIFETIME_SECONDS } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import type { StatusApi } from "../src/api/status-api.js";
import { PlaybackLedger } from "../src/player/playback-ledger.js";
import { MemoryStorage } from "../src/storage/browser-storage.js";
import { FakeStatusApi } from "./fake-status-api.js";
import { statusItem } from "./fixtures.js";

const ADA = { sub: "sub-ada", isAdmin: false };
const NOW = Date.parse("2030-01-01T12:00:00.000Z");
const SOMEONE_ELSES = "7c9e6679-7425-40de-944b-e07fc1f90ae7.mov";

function videos(api: FakeStatusApi, count: number): string[] {
  return Array.from({ length: count }, () => {
    const item = statusItem({ status: "COMPLETE" });
    api.add(item, { id: ADA.sub });
    return item.uploadId;
  });
}

/** What `endAll` asked `api` to end, in any order. */
async function endedBy(ledger: PlaybackLedger, api: FakeStatusApi): Promise<string[]> {
  api.calls.length = 0;
  await ledger.endAll(api);
  return [...api.calls].sort();
}

describe("PlaybackLedger", () => {
  it("ends every video's and the live channel's playback asked for, once each, then none", async () => {
    const api = new FakeStatusApi(ADA);
    const ledger = new PlaybackLedger(new MemoryStorage(), () => NOW);
    const tracked = ledger.track(api);
    const [first = "", second = ""] = videos(api, 2);
    await tracked.grantPlayback(first);
    await tracked.grantPlayback(second);
    await tracked.grantPlayback(first);
    await tracked.grantLivePlayback();
    // Asked but refused: noted too, since an answer that arrives anyway may set cookies.
    await expect(tracked.grantPlayback(SOMEONE_ELSES)).rejects.toMatchObject({ status: 404 });

    expect(await endedBy(ledger, api)).toEqual([`END ${first}`, `END ${second}`, `END ${SOMEONE_ELSES}`, "END live"].sort());
    expect(await endedBy(ledger, api)).toEqual([]);
  });

  it("keeps what this browser asked for across page loads and people, for as long as the cookies may hold", async () => {
    const storage = new MemoryStorage();
    let now = NOW;
    const api = new FakeStatusApi(ADA);
    const [old = "", recent = ""] = videos(api, 2);
    await new PlaybackLedger(storage, () => now).track(api).grantPlayback(old);
    now += 30 * 60_000;
    await new PlaybackLedger(storage, () => now).track(api).grantPlayback(recent);
    now += (PLAYBACK_COOKIE_LIFETIME_SECONDS + 5 * 60) * 1000 - 30 * 60_000;
    // A later page, signed in as someone else: the cookies are the browser's, so are the entries.
    expect(await endedBy(new PlaybackLedger(storage, () => now), new FakeStatusApi({ sub: "sub-grace", isAdmin: false }))).toEqual([`END ${recent}`]);
  });

  it("asks for all at once, keeps what failed for the next sign-out, and never throws", async () => {
    const storage = new MemoryStorage();
    const started: string[] = [];
    const finish: (() => void)[] = [];
    const api = new FakeStatusApi(ADA);
    const [ok = "", failing = "", slow = ""] = videos(api, 3);
    const ending: Pick<StatusApi, "endPlayback" | "endLivePlayback"> = {
      endPlayback: (uploadId) => {
        started.push(uploadId);
        if (uploadId === failing) return Promise.reject(new Error("offline"));
        return new Promise((resolve) => finish.push(() => resolve({ pathPrefix: `/vod/${uploadId}/` })));
      },
      endLivePlayback: () => Promise.reject(new Error("not asked for")),
    };
    const ledger = new PlaybackLedger(storage, () => NOW);
    const tracked = ledger.track(api);
    for (const uploadId of [ok, failing, slow]) await tracked.grantPlayback(uploadId);

    let settled = false;
    const done = ledger.endAll(ending).then(() => (settled = true));
    await expect.poll(() => started).toEqual([ok, failing, slow]);
    expect(settled).toBe(false);
    for (const resolve of finish) resolve();
    await done;
    expect(await endedBy(ledger, api)).toEqual([`END ${failing}`]);
  });

  it("waits for a grant still on its way, so that its cookies do not land after they were ended", async () => {
    const api = new FakeStatusApi(ADA);
    const [uploadId = ""] = videos(api, 1);
    let answer: () => void = () => undefined;
    const slowGrant: StatusApi = {
      ...new PlaybackLedger(new MemoryStorage()).track(api),
      grantPlayback: (id) => new Promise((resolve) => (answer = () => resolve({ pathPrefix: `/vod/${id}/`, expiresAt: "", renewAt: "" }))),
    };
    const ledger = new PlaybackLedger(new MemoryStorage(), () => NOW);
    void ledger.track(slowGrant).grantPlayback(uploadId);
    api.calls.length = 0;
    const ending = ledger.endAll(api);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(api.calls).toEqual([]);
    answer();
    await ending;
    expect(api.calls).toEqual([`END ${uploadId}`]);
  });

  it("survives storage that refuses or holds something else, and leaves the other routes as they are", async () => {
    const api = new FakeStatusApi(ADA);
    const [uploadId = ""] = videos(api, 1);
    const refusing = { getItem: () => null, setItem: () => { throw new DOMException("full", "QuotaExceededError"); } };
    const tracked = new PlaybackLedger(refusing).track(api);
    await expect(tracked.grantPlayback(uploadId)).resolves.toMatchObject({ pathPrefix: expect.any(String) });
    const garbled = new MemoryStorage();
    garbled.setItem("video-platform:playback-grants", "{not json");
    await expect(new PlaybackLedger(garbled).endAll(api)).resolves.toBeUndefined();
    api.calls.length = 0;
    await tracked.getStatus(uploadId);
    await tracked.listStatuses({});
    expect(api.calls).toEqual([`GET ${uploadId}`, "LIST mine"]);
  });
});
