// @vitest-environment happy-dom
import type { WebAppConfig } from "@video-platform/shared-types";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { AppServices } from "../src/ui/app-services.js";
import { LibraryItemView } from "../src/ui/LibraryItemView.js";
import { LivePage } from "../src/ui/LivePage.js";
import { UploadPanel } from "../src/ui/UploadPanel.js";
import { UploadRowView } from "../src/ui/UploadRowView.js";
import type { UploadRow, VideoUploader } from "../src/upload/video-uploader.js";
import { eventually } from "./fake-platform.js";
import { statusItem } from "./fixtures.js";

let container: HTMLElement;

function mount(node: preact.ComponentChild): HTMLElement {
  container = document.createElement("div");
  document.body.append(container);
  act(() => render(node, container));
  return container;
}

afterEach(() => {
  act(() => render(null, container));
  container.remove();
});

const row = (changes: Partial<UploadRow>): UploadRow => ({
  id: "upload-1",
  fileName: "holiday.mp4",
  sizeBytes: 1_000_000,
  method: "PUT",
  state: "sending",
  bytesSent: 250_000,
  bytesPerSecond: 125_000,
  secondsLeft: 6,
  can: { pause: false, resume: false, cancel: true },
  ...changes,
});

const noActions = { onPause: () => undefined, onResume: () => undefined, onCancel: () => undefined };
const buttonNames = (view: HTMLElement) => [...view.querySelectorAll("button")].map((button) => button.getAttribute("aria-label"));

describe("upload row", () => {
  it("carries the hooks: state, file name, labelled progress, named cancel button", () => {
    const cancelled: string[] = [];
    const view = mount(<UploadRowView row={row({})} {...noActions} onCancel={() => cancelled.push("x")} />);
    const item = view.querySelector('[data-testid="upload-row"]');
    expect(item?.getAttribute("data-file-name")).toBe("holiday.mp4");
    expect(item?.getAttribute("data-state")).toBe("sending");
    const progress = item?.querySelector("progress");
    expect(progress?.getAttribute("aria-label")).toBe("Upload progress of holiday.mp4");
    expect(Number(progress?.getAttribute("value"))).toBe(25);
    expect(item?.textContent).toContain("125 kB/s");
    expect(item?.textContent).toContain("6 s");
    const cancel = item?.querySelector<HTMLButtonElement>('button[aria-label="Cancel upload of holiday.mp4"]');
    act(() => cancel?.click());
    expect(cancelled).toEqual(["x"]);
    expect(item?.querySelector('[data-testid="upload-error"]')).toBeNull();
  });

  it("shows a refusal next to the file, without any button", () => {
    const refused = row({ state: "failed", error: "contentType must be a video type (video/*)", can: { pause: false, resume: false, cancel: false } });
    const view = mount(<UploadRowView row={refused} {...noActions} />);
    expect(view.querySelector('[data-testid="upload-error"]')?.textContent).toBe("contentType must be a video type (video/*)");
    expect(view.querySelector("button")).toBeNull();
  });

  it("offers retry and cancel for an upload a failure paused, with the reason", () => {
    const paused = row({ state: "paused", error: "The connection dropped", can: { pause: false, resume: true, cancel: true } });
    const view = mount(<UploadRowView row={paused} {...noActions} />);
    expect(buttonNames(view)).toEqual(["Retry upload of holiday.mp4", "Cancel upload of holiday.mp4"]);
    expect(view.textContent).toContain("Paused");
    expect(view.textContent).not.toContain("Speed");
  });

  const multipart = row({ method: "MULTIPART", totalParts: 15, storedParts: 4, can: { pause: true, resume: false, cancel: true } });

  it("offers pause while a multipart upload is sending, with its parts", () => {
    const view = mount(<UploadRowView row={multipart} {...noActions} />);
    expect(buttonNames(view)).toEqual(["Pause upload of holiday.mp4", "Cancel upload of holiday.mp4"]);
    expect(view.textContent).toContain("15 parts, 4 already stored");
  });

  it("offers resume once the person paused it", () => {
    const resumed: string[] = [];
    const paused = { ...multipart, state: "paused" as const, can: { pause: false, resume: true, cancel: true } };
    const view = mount(<UploadRowView row={paused} {...noActions} onResume={() => resumed.push("x")} />);
    expect(buttonNames(view)).toEqual(["Resume upload of holiday.mp4", "Cancel upload of holiday.mp4"]);
    act(() => view.querySelector<HTMLButtonElement>('button[aria-label="Resume upload of holiday.mp4"]')?.click());
    expect(resumed).toEqual(["x"]);
  });
});

describe("library item", () => {
  it("links a COMPLETE upload to its player by original file name", () => {
    const item = statusItem({ status: "COMPLETE", progress: 100, originalFileName: "Trip.mov", playbackPath: "vod/x/master.m3u8" });
    const view = mount(<LibraryItemView item={item} />);
    const li = view.querySelector('[data-testid="library-item"]');
    expect(li?.getAttribute("data-upload-id")).toBe(item.uploadId);
    expect(li?.getAttribute("data-status")).toBe("COMPLETE");
    expect(li?.getAttribute("data-progress")).toBe("100");
    expect(li?.textContent).toContain("Trip.mov");
    const link = li?.querySelector("a");
    expect(link?.getAttribute("aria-label")).toBe("Play Trip.mov");
    expect(link?.getAttribute("href")).toBe(`#/watch/${item.uploadId}`);
  });

  it("shows transcoding progress and no play link before COMPLETE", () => {
    const view = mount(<LibraryItemView item={statusItem({ status: "TRANSCODING", progress: 42 })} />);
    const li = view.querySelector('[data-testid="library-item"]');
    expect(li?.getAttribute("data-progress")).toBe("42");
    expect(li?.querySelector("progress")?.getAttribute("value")).toBe("42");
    expect(li?.textContent).toContain("Transcoding 42%");
    expect(li?.querySelector("a")).toBeNull();
  });

  it("shows the reason of an ERROR", () => {
    const view = mount(<LibraryItemView item={statusItem({ status: "ERROR", errorMessage: "Invalid input file: no video stream" })} />);
    expect(view.querySelector('[data-testid="library-error"]')?.textContent).toBe("Invalid input file: no video stream");
  });
});

const config = (liveHlsPath: string | null): WebAppConfig => ({
  auth: { region: "eu-west-1", userPoolId: "eu-west-1_AbC123", userPoolClientId: "client", endpoint: null },
  liveHlsPath,
  livePrivate: false,
  environment: "test",
});

function services(liveHlsPath: string | null, answer: () => Response): AppServices {
  return {
    config: config(liveHlsPath),
    fetch: async () => answer(),
    origin: "http://127.0.0.1:8080",
  } as Partial<AppServices> as AppServices;
}

describe("live page", () => {
  it("says the channel is off when live is not configured", () => {
    const view = mount(<LivePage services={services(null, () => new Response("", { status: 500 }))} />);
    expect(view.textContent).toContain("The live channel is off");
    expect(view.querySelector("video")).toBeNull();
  });

  it("says the channel is off when its playlist does not answer", async () => {
    const view = mount(<LivePage services={services("/live/index.m3u8", () => new Response("Not found", { status: 404 }))} />);
    await eventually(() => view.textContent?.includes("The live channel is off") === true, "the off notice");
    expect(view.querySelector('[data-testid="live-player"]')).toBeNull();
  });

  it("shows the live player when the playlist answers", async () => {
    const view = mount(<LivePage services={services("/live/index.m3u8", () => new Response("#EXTM3U\n"))} />);
    await eventually(() => view.querySelector('video[data-testid="live-player"]') !== null, "the live player");
    expect(view.querySelector("select")?.id).toBe("quality");
    expect(view.querySelector('label[for="quality"]')?.textContent).toBe("Quality");
  });
});

describe("upload panel", () => {
  function fakeUploader() {
    const added: string[] = [];
    const uploader = {
      rows: [] as UploadRow[],
      subscribe: () => () => undefined,
      unfinished: () => [],
      add: (files: Iterable<File>) => {
        for (const file of files) added.push(file.name);
      },
    };
    return { added, uploader: uploader as unknown as VideoUploader };
  }

  it("has a file input named 'Choose video files' taking several videos", () => {
    const view = mount(<UploadPanel uploader={fakeUploader().uploader} />);
    const input = view.querySelector<HTMLInputElement>('input[type="file"]');
    const label = view.querySelector(`label[for="${input?.id ?? ""}"]`);
    expect(label?.textContent?.trim()).toBe("Choose video files");
    expect(input?.multiple).toBe(true);
    expect(input?.accept).toBe("video/*");
  });

  it("hands dropped files to the uploader", () => {
    const { added, uploader } = fakeUploader();
    const view = mount(<UploadPanel uploader={uploader} />);
    const zone = view.querySelector(".drop-zone");
    const drop = new Event("drop", { bubbles: true, cancelable: true });
    const files = [new File(["a"], "a.mp4", { type: "video/mp4" }), new File(["b"], "b.mov", { type: "video/quicktime" })];
    // happy-dom's DragEvent drops its dataTransfer; the listener only reads `files`.
    Object.defineProperty(drop, "dataTransfer", { value: { files } });
    act(() => {
      zone?.dispatchEvent(drop);
    });
    expect(added).toEqual(["a.mp4", "b.mov"]);
    expect(drop.defaultPrevented).toBe(true);
  });

  it("opens the picker from the drop zone's button", () => {
    const view = mount(<UploadPanel uploader={fakeUploader().uploader} />);
    const input = view.querySelector<HTMLInputElement>('input[type="file"]');
    let opened = 0;
    input?.addEventListener("click", () => opened++);
    act(() => view.querySelector<HTMLButtonElement>("button.drop-button")?.click());
    expect(opened).toBe(1);
  });
});
