// @vitest-environment happy-dom
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "../src/api/api-errors.js";
import { deleteVideo } from "../src/library/delete-video.js";
import { LibraryFeed } from "../src/library/library-feed.js";
import { LibraryView } from "../src/ui/LibraryView.js";
import { eventually } from "./fake-platform.js";
import { FakeStatusApi } from "./fake-status-api.js";
import { statusItem } from "./fixtures.js";

const ADA = { id: "sub-ada", email: "ada@example.com" };
const BOB = { id: "sub-bob" };
const adaClip = statusItem({ originalFileName: "ada-trip.mp4", status: "COMPLETE", progress: 100, createdAt: "2030-01-02T00:00:00.000Z" });
const bobClip = statusItem({ originalFileName: "bob-talk.mp4", status: "COMPLETE", progress: 100, createdAt: "2030-01-01T00:00:00.000Z" });

function platform(caller: { sub: string; isAdmin: boolean }) {
  const api = new FakeStatusApi(caller);
  api.add(adaClip, ADA);
  api.add(bobClip, BOB);
  return { api, feed: new LibraryFeed(api) };
}

let container: HTMLElement;
let feeds: LibraryFeed[] = [];

function mount(feed: LibraryFeed, isAdmin: boolean, onDelete: (uploadId: string) => Promise<void> = async () => undefined) {
  feeds.push(feed);
  container = document.createElement("div");
  document.body.append(container);
  act(() => render(<LibraryView feed={feed} isAdmin={isAdmin} onDelete={onDelete} />, container));
  return container;
}

const names = () => [...container.querySelectorAll('[data-testid="library-item"] .file-name')].map((name) => name.textContent);
const button = (name: string) =>
  [...document.querySelectorAll("button")].find((candidate) => (candidate.getAttribute("aria-label") ?? candidate.textContent) === name);
const click = (name: string) => act(() => button(name)?.click());
const dialog = () => document.querySelector<HTMLDialogElement>('[role="alertdialog"]');

beforeEach(() => {
  feeds = [];
});

afterEach(() => {
  act(() => render(null, container));
  container.remove();
  for (const feed of feeds) feed.stop();
});

describe("the library and who owns what", () => {
  it("shows a member their own videos only, with no switch and no owner", async () => {
    const { feed } = platform({ sub: ADA.id, isAdmin: false });
    mount(feed, false);
    await act(() => feed.start());
    expect(names()).toEqual(["ada-trip.mp4"]);
    expect(container.querySelector('[role="switch"]')).toBeNull();
    expect(container.querySelector('[data-testid="library-owner"]')).toBeNull();
    expect(container.querySelector("h2")?.textContent).toBe("My videos");
  });

  it("lets an admin switch to everyone's uploads, each with its owner's e-mail, or id when it has none", async () => {
    const { api, feed } = platform({ sub: "sub-admin", isAdmin: true });
    mount(feed, true);
    await act(() => feed.start());
    expect(names()).toEqual([]);
    const toggle = container.querySelector<HTMLInputElement>('input[role="switch"]');
    expect(toggle?.closest("label")?.textContent).toContain("Show everyone's uploads");
    expect(toggle?.checked).toBe(false);

    await act(async () => {
      toggle?.click();
      await eventually(() => feed.state.loaded, "everyone's uploads");
    });
    expect(api.calls).toEqual(["LIST mine", "LIST all"]);
    expect(names()).toEqual(["ada-trip.mp4", "bob-talk.mp4"]);
    const owners = [...container.querySelectorAll('[data-testid="library-item"]')].map((item) => [
      item.getAttribute("data-owner-id"),
      item.querySelector('[data-testid="library-owner"]')?.textContent,
    ]);
    expect(owners).toEqual([
      ["sub-ada", "Uploaded by ada@example.com"],
      ["sub-bob", "Uploaded by sub-bob"],
    ]);
    expect(container.querySelector("h2")?.textContent).toBe("All uploads");

    await act(async () => {
      container.querySelector<HTMLInputElement>('input[role="switch"]')?.click();
      await eventually(() => feed.state.loaded, "my uploads again");
    });
    expect(names()).toEqual([]);
  });

  it("drops an answer about the scope the admin just left", async () => {
    const { api, feed } = platform({ sub: ADA.id, isAdmin: true });
    let release: () => void = () => undefined;
    const list = api.listStatuses.bind(api);
    api.listStatuses = async (page) => {
      if ((page.scope ?? "mine") === "mine") await new Promise<void>((resolve) => (release = resolve));
      return list(page);
    };
    void feed.start();
    const switched = feed.showScope("all");
    release();
    await switched;
    await eventually(() => feed.state.loaded && feed.state.items.length === 2, "everyone's uploads");
    expect(feed.state.scope).toBe("all");
    feed.stop();
  });
});

describe("deleting a video", () => {
  it("asks first in a dialog named after the video, focused on keeping it; keeping it deletes nothing", async () => {
    const deleted: string[] = [];
    const { feed } = platform({ sub: ADA.id, isAdmin: false });
    mount(feed, false, async (id) => void deleted.push(id));
    await act(() => feed.start());
    const trigger = button("Delete ada-trip.mp4");
    act(() => trigger?.focus());
    click("Delete ada-trip.mp4");

    const asking = dialog();
    expect(asking?.open).toBe(true);
    expect(document.getElementById(asking?.getAttribute("aria-labelledby") ?? "")?.textContent).toBe("Delete ada-trip.mp4?");
    expect(document.getElementById(asking?.getAttribute("aria-describedby") ?? "")?.textContent).toContain("cannot be undone");
    expect(document.activeElement?.textContent).toBe("Keep video");

    click("Keep video");
    expect(dialog()).toBeNull();
    expect(deleted).toEqual([]);
    expect(document.activeElement).toBe(trigger);
  });

  it("closes on Escape without deleting", async () => {
    const deleted: string[] = [];
    const { feed } = platform({ sub: ADA.id, isAdmin: false });
    mount(feed, false, async (id) => void deleted.push(id));
    await act(() => feed.start());
    click("Delete ada-trip.mp4");
    act(() => {
      dialog()?.dispatchEvent(new Event("cancel", { cancelable: true }));
    });
    expect(dialog()).toBeNull();
    expect(deleted).toEqual([]);
  });

  it("deletes once confirmed, and the video leaves the list", async () => {
    const { api, feed } = platform({ sub: ADA.id, isAdmin: false });
    const cancelled: string[] = [];
    const services = { statusApi: api, library: feed, uploader: { cancelUpload: async (id: string) => void cancelled.push(id) } };
    mount(feed, false, (uploadId) => deleteVideo(services, uploadId));
    await act(() => feed.start());
    click("Delete ada-trip.mp4");
    click("Delete video");
    await eventually(() => dialog() === null, "the dialog to close");
    expect(api.calls).toContain(`DELETE ${adaClip.uploadId}`);
    expect(cancelled).toEqual([adaClip.uploadId]);
    expect(names()).toEqual([]);
  });

  it("keeps the dialog open with the reason when the deletion fails", async () => {
    const { feed } = platform({ sub: ADA.id, isAdmin: false });
    mount(feed, false, () => Promise.reject(new ApiError(503, "UNAVAILABLE", "The server is busy.")));
    await act(() => feed.start());
    click("Delete ada-trip.mp4");
    click("Delete video");
    await eventually(() => document.querySelector('[data-testid="dialog-error"]') !== null, "the error");
    expect(document.querySelector('[data-testid="dialog-error"]')?.textContent).toBe("Could not delete: The server is busy.");
    expect(dialog()?.open).toBe(true);
    expect(names()).toEqual(["ada-trip.mp4"]);
  });

  it("counts a video someone else already deleted as deleted", async () => {
    const { api, feed } = platform({ sub: ADA.id, isAdmin: false });
    await feed.start();
    api.uploads.delete(adaClip.uploadId);
    await deleteVideo({ statusApi: api, library: feed, uploader: { cancelUpload: async () => undefined } }, adaClip.uploadId);
    expect(feed.state.items).toEqual([]);
    feed.stop();
  });
});
