// @vitest-environment happy-dom
import type { WebAppConfig } from "@video-platform/shared-types";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../src/api/api-errors.js";
import type { AppServices } from "../src/ui/app-services.js";
import { LivePage } from "../src/ui/LivePage.js";
import { WatchPage } from "../src/ui/WatchPage.js";
import { eventually } from "./fake-platform.js";
import { FakeStatusApi } from "./fake-status-api.js";
import { statusItem } from "./fixtures.js";

const ORIGIN = "http://127.0.0.1:8080";
const video = statusItem({ status: "COMPLETE", progress: 100, originalFileName: "trip.mp4" });
const playbackPath = `vod/${video.uploadId.replace(/\.mp4$/, "")}/master.m3u8`;
const config: WebAppConfig = {
  auth: { region: "eu-west-1", userPoolId: "eu-west-1_AbC123", userPoolClientId: "client", endpoint: null },
  liveHlsPath: "/live/index.m3u8",
  livePrivate: true,
  environment: "test",
};

let container: HTMLElement;
/** What the media answers, in order of the requests; then 200 with a playlist. */
let mediaAnswers: number[];
const mediaRequests: string[] = [];

async function fetchMedia(url: string): Promise<Response> {
  mediaRequests.push(url);
  const status = mediaAnswers.shift() ?? 200;
  return new Response(status === 200 ? "#EXTM3U\n" : "Forbidden", { status });
}

function services(api: FakeStatusApi): AppServices {
  return { config, statusApi: api, fetch: fetchMedia, origin: ORIGIN } as Partial<AppServices> as AppServices;
}

function owned(): FakeStatusApi {
  const api = new FakeStatusApi({ sub: "sub-ada", isAdmin: false });
  api.add({ ...video, playbackPath }, { id: "sub-ada" });
  return api;
}

function mount(node: preact.ComponentChild): HTMLElement {
  container = document.createElement("div");
  document.body.append(container);
  act(() => render(node, container));
  return container;
}

const player = () => container.querySelector<HTMLVideoElement>('video[data-testid="player"]');
const timeline = () => container.querySelector<HTMLInputElement>('input[data-testid="preview-timeline"]');

beforeEach(() => {
  mediaAnswers = [];
  mediaRequests.length = 0;
  // The native HLS path (Safari, recent Chrome): the element plays the URL, and the page can see it.
  vi.spyOn(HTMLMediaElement.prototype, "canPlayType").mockReturnValue("maybe");
  vi.spyOn(HTMLMediaElement.prototype, "play").mockResolvedValue(undefined);
  // The player fetches the playlist itself (to tell a 403 from other failures).
  vi.stubGlobal("fetch", fetchMedia);
});

afterEach(() => {
  act(() => render(null, container));
  container.remove();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("the watch page", () => {
  it("asks for playback cookies before the player loads the master playlist", async () => {
    const api = owned();
    let grantAnswered = false;
    const grant = api.grantPlayback.bind(api);
    api.grantPlayback = async (id) => {
      expect(player()).toBeNull();
      const answer = await grant(id);
      grantAnswered = true;
      return answer;
    };
    mount(<WatchPage services={services(api)} uploadId={video.uploadId} />);
    // The player attaches its source once it has checked the playlist: wait for that, not for the element alone.
    await eventually(() => (player()?.getAttribute("src") ?? null) !== null, "the player to load");
    expect(grantAnswered).toBe(true);
    expect(api.calls).toEqual([`GET ${video.uploadId}`, `GRANT ${video.uploadId}`]);
    expect(player()?.getAttribute("src")).toBe(`${ORIGIN}/${playbackPath}`);
  });

  it("renews the cookies at renewAt while the page is open, and stops when it closes", async () => {
    const api = owned();
    api.grantLifetimeMs = 300;
    api.renewMarginMs = 200;
    mount(<WatchPage services={services(api)} uploadId={video.uploadId} />);
    await eventually(() => api.calls.filter((call) => call.startsWith("GRANT")).length >= 3, "two renewals");
    act(() => render(null, container));
    const grants = api.calls.filter((call) => call.startsWith("GRANT")).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.calls.filter((call) => call.startsWith("GRANT"))).toHaveLength(grants);
  });

  it("renews once and attaches again where it was when the media answers 403; a second 403 ends playback", async () => {
    const api = owned();
    mount(<WatchPage services={services(api)} uploadId={video.uploadId} />);
    await eventually(() => player()?.getAttribute("src") !== null && mediaRequests.length === 1, "the player to load");
    mediaAnswers = [403];
    act(() => {
      player()?.dispatchEvent(new Event("error"));
    });
    await eventually(() => api.calls.filter((call) => call.startsWith("GRANT")).length === 2, "new cookies");
    await eventually(() => mediaRequests.length === 3, "the player to attach again");
    expect(container.querySelector('[role="alert"]')).toBeNull();

    mediaAnswers = [403, 403];
    act(() => {
      player()?.dispatchEvent(new Event("error"));
    });
    await eventually(() => container.querySelector('[role="alert"]') !== null, "playback to stop");
    expect(container.querySelector('[role="alert"]')?.textContent).toBe("Playback stopped: the permission to watch could not be renewed.");
    expect(api.calls.filter((call) => call.startsWith("GRANT"))).toHaveLength(2);
  });

  it("says why when no cookies can be had (no signing key deployed yet), with no player", async () => {
    const api = owned();
    api.grantRefusal = new ApiError(503, "PLAYBACK_UNAVAILABLE", "Private playback is not configured: no signing key is deployed.");
    mount(<WatchPage services={services(api)} uploadId={video.uploadId} />);
    await eventually(() => container.querySelector('[data-testid="playback-error"]') !== null, "the reason");
    expect(container.querySelector('[data-testid="playback-error"]')?.textContent).toBe(api.grantRefusal.message);
    expect(player()).toBeNull();
  });

  it("gives a probed video a seek bar with its preview frames: the thumb moved to 0:09 of 0:12 seeks there and shows frame 75", async () => {
    const api = new FakeStatusApi({ sub: "sub-ada", isAdmin: false });
    api.add({ ...video, playbackPath, durationSeconds: 12, width: 1080, height: 1920 }, { id: "sub-ada" });
    mount(<WatchPage services={services(api)} uploadId={video.uploadId} />);
    await eventually(() => timeline() !== null, "the preview timeline");
    expect(container.querySelector('[data-testid="scrub-preview"]')).toBeNull();

    act(() => {
      timeline()!.value = "9";
      timeline()!.dispatchEvent(new Event("input", { bubbles: true }));
    });
    expect(player()?.currentTime).toBe(9);
    const preview = container.querySelector('[data-testid="scrub-preview"]');
    expect(preview?.querySelector("img")?.getAttribute("src")).toBe(`${ORIGIN}/${playbackPath.replace("master.m3u8", "previews/frame.0000075.jpg")}`);
    expect(preview?.textContent).toBe("0:09");

    // A video without previews (transcoded before they existed): the frame fails, the time stays.
    act(() => {
      preview?.querySelector("img")?.dispatchEvent(new Event("error"));
    });
    expect(container.querySelector('[data-testid="scrub-preview"] img')).toBeNull();
    expect(container.querySelector('[data-testid="scrub-preview"]')?.textContent).toBe("0:09");
    act(() => {
      timeline()!.dispatchEvent(new Event("blur"));
    });
    expect(container.querySelector('[data-testid="scrub-preview"]')).toBeNull();
  });

  it("gives a video with no known length (recorded before probing) the browser's controls only", async () => {
    mount(<WatchPage services={services(owned())} uploadId={video.uploadId} />);
    await eventually(() => (player()?.getAttribute("src") ?? null) !== null, "the player to load");
    expect(timeline()).toBeNull();
  });

  it("treats someone else's video as one that does not exist", async () => {
    const api = owned();
    api.caller = { sub: "sub-bob", isAdmin: false };
    mount(<WatchPage services={services(api)} uploadId={video.uploadId} />);
    await eventually(() => container.textContent?.includes("There is no upload with this id.") === true, "the notice");
    expect(api.calls).toEqual([`GET ${video.uploadId}`]);
  });
});

describe("the live page of a private channel", () => {
  it("asks for live cookies before it looks at the channel's playlist", async () => {
    const api = owned();
    const order: string[] = [];
    const grant = api.grantLivePlayback.bind(api);
    api.grantLivePlayback = async () => (order.push("grant"), grant());
    mount(<LivePage services={{ ...services(api), fetch: async (url) => (order.push("playlist"), fetchMedia(url)) }} />);
    await eventually(() => container.querySelector('video[data-testid="live-player"]') !== null, "the live player");
    expect(order.slice(0, 2)).toEqual(["grant", "playlist"]);
  });
});
