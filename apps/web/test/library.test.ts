import type { UploadListResponse, UploadStatusResponse } from "@video-platform/shared-types";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../src/api/api-errors.js";
import type { StatusApi } from "../src/api/status-api.js";
import { LibraryFeed } from "../src/library/library-feed.js";
import { isSettled, mergeLibraryItems, unsettledOutside } from "../src/library/library-items.js";
import { statusItem } from "./fixtures.js";

describe("library items", () => {
  it("keeps one entry per upload, the most recently updated copy, newest upload first", () => {
    const older = statusItem({ createdAt: "2030-01-01T00:00:00.000Z" });
    const newer = statusItem({ createdAt: "2030-01-02T00:00:00.000Z" });
    const transcoding = { ...older, status: "TRANSCODING" as const, progress: 40, updatedAt: "2030-01-03T00:00:00.000Z" };
    const stale = { ...older, status: "UPLOADED" as const, updatedAt: "2030-01-02T00:00:00.000Z" };

    const merged = mergeLibraryItems([older], [newer, transcoding]);
    expect(merged.map((item) => item.uploadId)).toEqual([newer.uploadId, older.uploadId]);
    expect(merged[1]?.progress).toBe(40);
    // A poll answered late must not move an upload back.
    expect(mergeLibraryItems(merged, [stale])[1]?.status).toBe("TRANSCODING");
  });

  it("needs watching while anything is not terminal", () => {
    expect(isSettled([statusItem({ status: "COMPLETE" }), statusItem({ status: "ERROR" })])).toBe(true);
    expect(isSettled([statusItem({ status: "COMPLETE" }), statusItem({ status: "TRANSCODING" })])).toBe(false);
    expect(isSettled([])).toBe(true);
  });

  it("asks alone for the unfinished uploads a first-page refresh did not cover", () => {
    const a = statusItem({ status: "TRANSCODING" });
    const b = statusItem({ status: "UPLOADED" });
    const c = statusItem({ status: "COMPLETE" });
    expect(unsettledOutside([a, b, c], [a])).toEqual([b.uploadId]);
  });
});

/** Routes these tests do not reach. */
const notUsedHere = { grantPlayback: unused, grantLivePlayback: unused, endPlayback: unused, endLivePlayback: unused, deleteVideo: unused };
function unused(): Promise<never> {
  return Promise.reject(new Error("not used by the library feed"));
}

function fakeStatusApi(pages: () => UploadListResponse[], single: (id: string) => UploadStatusResponse | undefined) {
  const calls: string[] = [];
  const api: StatusApi = {
    ...notUsedHere,
    listStatuses: async ({ pageToken }) => {
      calls.push(`list ${pageToken ?? "first"}`);
      const all = pages();
      const index = pageToken === undefined ? 0 : Number(pageToken);
      const page = all[index];
      if (page === undefined) throw new ApiError(400, "BAD_TOKEN", "bad token");
      return page;
    },
    getStatus: async (uploadId) => {
      calls.push(`get ${uploadId}`);
      const item = single(uploadId);
      if (item === undefined) throw new ApiError(404, "NOT_FOUND", "No such upload");
      return item;
    },
  };
  return { api, calls };
}

describe("LibraryFeed", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("polls every 2 s while an upload is moving, and stops once all are terminal", async () => {
    const item = statusItem({ status: "TRANSCODING", progress: 10 });
    let current = item;
    const { api, calls } = fakeStatusApi(() => [{ items: [current] }], () => current);
    const feed = new LibraryFeed(api, { pollMs: 2_000 });
    await feed.start();
    expect(feed.state.items[0]?.progress).toBe(10);

    current = { ...item, progress: 55, updatedAt: "2030-01-01T00:01:00.000Z" };
    await vi.advanceTimersByTimeAsync(2_000);
    expect(feed.state.items[0]?.progress).toBe(55);

    current = { ...item, status: "COMPLETE", progress: 100, playbackPath: "vod/x/master.m3u8", updatedAt: "2030-01-01T00:02:00.000Z" };
    await vi.advanceTimersByTimeAsync(2_000);
    expect(feed.state.items[0]?.status).toBe("COMPLETE");

    const before = calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.length).toBe(before);
    feed.stop();
  });

  it("loads more pages with the token, and keeps paged-in unfinished uploads current", async () => {
    const first = statusItem({ status: "COMPLETE", createdAt: "2030-01-02T00:00:00.000Z" });
    let second = statusItem({ status: "TRANSCODING", progress: 5, createdAt: "2030-01-01T00:00:00.000Z" });
    const { api, calls } = fakeStatusApi(
      () => [{ items: [first], nextPageToken: "1" }, { items: [second] }],
      (id) => (id === second.uploadId ? second : undefined),
    );
    const feed = new LibraryFeed(api, { pageSize: 1, pollMs: 2_000 });
    await feed.start();
    expect(feed.state.hasMore).toBe(true);
    expect(feed.state.items).toHaveLength(1);

    await feed.loadMore();
    expect(feed.state.items.map((item) => item.uploadId)).toEqual([first.uploadId, second.uploadId]);
    expect(feed.state.hasMore).toBe(false);
    expect(calls).toContain("list 1");

    second = { ...second, progress: 80, updatedAt: "2030-01-03T00:00:00.000Z" };
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toContain(`get ${second.uploadId}`);
    expect(feed.state.items[1]?.progress).toBe(80);
    feed.stop();
  });

  it("drops an upload that no longer exists", async () => {
    const first = statusItem({ status: "COMPLETE", createdAt: "2030-01-02T00:00:00.000Z" });
    const gone = statusItem({ status: "PENDING_UPLOAD", createdAt: "2030-01-01T00:00:00.000Z" });
    const { api } = fakeStatusApi(() => [{ items: [first], nextPageToken: "1" }, { items: [gone] }], () => undefined);
    const feed = new LibraryFeed(api, { pageSize: 1, pollMs: 2_000 });
    await feed.start();
    await feed.loadMore();
    expect(feed.state.items).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(feed.state.items.map((item) => item.uploadId)).toEqual([first.uploadId]);
    feed.stop();
  });

  it("keeps the list and backs off when a refresh fails, then recovers", async () => {
    const item = statusItem({ status: "TRANSCODING", progress: 1 });
    let failing = false;
    const { api } = fakeStatusApi(
      () => {
        if (failing) throw new ApiError(503, "UNAVAILABLE", "Service unavailable");
        return [{ items: [item] }];
      },
      () => item,
    );
    const feed = new LibraryFeed(api, { pollMs: 1_000, maxBackoffMs: 8_000 });
    await feed.start();
    failing = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(feed.state.error).toMatch(/Service unavailable/);
    expect(feed.state.items).toHaveLength(1);
    failing = false;
    await vi.advanceTimersByTimeAsync(2_000); // backed off to twice the interval
    expect(feed.state.error).toBeUndefined();
    feed.stop();
  });

  it("refreshes again when asked during a refresh, so a new upload is not missed", async () => {
    const items: UploadStatusResponse[] = [];
    let release: () => void = () => undefined;
    let blocked = true;
    const api: StatusApi = {
      ...notUsedHere,
      listStatuses: async () => {
        if (blocked) await new Promise<void>((resolve) => (release = resolve));
        return { items: [...items] };
      },
      getStatus: async () => {
        throw new ApiError(404, "NOT_FOUND", "gone");
      },
    };
    const feed = new LibraryFeed(api);
    const started = feed.start();
    items.push(statusItem({ status: "PENDING_UPLOAD" }));
    void feed.refresh();
    blocked = false;
    release();
    await started;
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.state.items).toHaveLength(1);
    feed.stop();
  });
});
