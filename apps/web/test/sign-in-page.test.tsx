// @vitest-environment happy-dom
import type { WebAppConfig } from "@video-platform/shared-types";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError, SIGN_IN_AGAIN_MESSAGE } from "../src/api/api-errors.js";
import { SessionController } from "../src/auth/session-controller.js";
import { LibraryFeed } from "../src/library/library-feed.js";
import { PlaybackLedger } from "../src/player/playback-ledger.js";
import { AccountServices } from "../src/ui/account-services.js";
import { App } from "../src/ui/App.js";
import type { AppServices } from "../src/ui/app-services.js";
import { MemoryStorage } from "../src/storage/browser-storage.js";
import { ResumableUploads } from "../src/upload/resumable-uploads.js";
import { VideoUploader } from "../src/upload/video-uploader.js";
import { FakeBucket, FakeUploadApi, eventually } from "./fake-platform.js";
import { ADA, FakeIdentity, GRACE } from "./fake-identity.js";
import { FakeStatusApi } from "./fake-status-api.js";
import { statusItem } from "./fixtures.js";

const config: WebAppConfig = {
  auth: { region: "eu-west-1", userPoolId: "eu-west-1_AbC123", userPoolClientId: "client", endpoint: null },
  liveHlsPath: null,
  livePrivate: false,
  environment: "test",
};

let container: HTMLElement;
let identity: FakeIdentity;
let session: SessionController;
let uploadApis: FakeUploadApi[];
let statusApis: FakeStatusApi[];
let ledgerStorage: MemoryStorage;
let services: () => AppServices | undefined;

function start(): void {
  // Wired as main.tsx wires it: sign-out ends the playback grants the person's services noted.
  session = new SessionController({ provider: async () => identity, endGrants: (signal) => services()?.endPlayback(signal) ?? Promise.resolve() });
  const accounts = new AccountServices((user): AppServices => {
    const api = new FakeStatusApi({ sub: user.sub, isAdmin: user.isAdmin });
    statusApis.push(api);
    const playback = new PlaybackLedger(ledgerStorage);
    const statusApi = playback.track(api);
    const library = new LibraryFeed(statusApi);
    const uploadApi = new FakeUploadApi(new FakeBucket(), { singlePutMaxBytes: 10, partSizeBytes: 5 });
    uploadApis.push(uploadApi);
    const uploader = new VideoUploader({
      api: uploadApi,
      resumable: new ResumableUploads(new MemoryStorage(), user.sub),
    });
    const destroy = () => (library.stop(), uploader.destroy());
    const endPlayback = (signal: AbortSignal) => playback.endAll(api, signal);
    return { config, statusApi, library, uploader, fetch: fetch, origin: "http://127.0.0.1", endPlayback, destroy };
  });
  accounts.follow(session);
  services = () => accounts.current;
  container = document.createElement("div");
  document.body.append(container);
  act(() => render(<App config={config} session={session} accounts={accounts} />, container));
}

const page = () => container.querySelector<HTMLElement>('[data-testid="sign-in-page"]');
const heading = () => container.querySelector("h1")?.textContent;
const alertText = () => container.querySelector('[data-testid="sign-in-error"]')?.textContent;
const noticeText = () => container.querySelector('[data-testid="sign-in-notice"]')?.textContent;

function field(label: string): HTMLInputElement {
  const labelled = [...container.querySelectorAll("label")].find((candidate) => candidate.textContent === label);
  const input = container.querySelector<HTMLInputElement>(`#${CSS.escape(labelled?.getAttribute("for") ?? "none")}`);
  if (input === null) throw new Error(`No field labelled ${label}`);
  return input;
}

/** Types into the fields by their labels and submits the form they are in. */
async function fill(values: Record<string, string>, waitFor: () => boolean, what: string): Promise<void> {
  let form: HTMLFormElement | null = null;
  for (const [label, value] of Object.entries(values)) {
    const input = field(label);
    input.value = value;
    form = input.form;
  }
  act(() => {
    form?.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
  });
  await eventually(waitFor, what);
}

const click = (name: string) =>
  act(() => [...container.querySelectorAll("button")].find((button) => button.textContent === name)?.click());
const showing = (state: string) => () => container.querySelector(`main[data-session-state="${state}"]`) !== null;

beforeEach(() => {
  uploadApis = [];
  statusApis = [];
  ledgerStorage = new MemoryStorage();
  identity = new FakeIdentity({ "ada@example.com": { ...ADA }, "grace@example.com": { ...GRACE } });
});

afterEach(() => {
  act(() => render(null, container));
  container.remove();
  session.stop();
});

describe("the sign-in page", () => {
  it("signs in with e-mail and password, then shows the person's pages with who is signed in", async () => {
    start();
    await act(() => session.start());
    expect(heading()).toBe("Sign in");
    expect(page()?.getAttribute("data-session-state")).toBe("signed-out");
    expect(field("Password").type).toBe("password");
    await fill({ "E-mail": "ada@example.com", Password: ADA.password }, showing("signed-in"), "the signed-in pages");
    await eventually(() => heading() === "Your videos", "the videos page");
    expect(container.querySelector('[data-testid="account-email"]')?.textContent).toBe("ada@example.com");
    expect(page()).toBeNull();
  });

  it("says a wrong password is wrong, without saying which of e-mail or password", async () => {
    start();
    await act(() => session.start());
    await fill({ "E-mail": "ada@example.com", Password: "not-her-password" }, () => alertText() !== undefined, "the error");
    expect(alertText()).toBe("Wrong e-mail or password.");
    expect(field("E-mail").value).toBe("ada@example.com");
  });

  it("asks an invited person for a new password, typed twice", async () => {
    identity.accounts.set("new@example.com", { password: "Temporary-pass-1", user: { sub: "sub-new", email: "new@example.com", isAdmin: false }, mustChangePassword: true });
    start();
    await act(() => session.start());
    await fill({ "E-mail": "new@example.com", Password: "Temporary-pass-1" }, () => heading() === "Choose a new password", "the new-password step");
    await fill({ "New password": "My-own-password-1", "Repeat the new password": "My-own-password-2" }, () => container.querySelector('[data-testid="password-mismatch"]') !== null, "the mismatch");
    expect(identity.calls).not.toContain("completeNewPassword");
    await fill({ "New password": "My-own-password-1", "Repeat the new password": "My-own-password-1" }, showing("signed-in"), "signed in");
  });

  it("asks a person with MFA for the code of their authenticator app", async () => {
    start();
    await act(() => session.start());
    await fill({ "E-mail": "grace@example.com", Password: GRACE.password }, () => heading() === "Two-step verification", "the MFA step");
    expect(field("Authentication code").getAttribute("autocomplete")).toBe("one-time-code");
    await fill({ "Authentication code": "999999" }, () => alertText() !== undefined, "the wrong code");
    expect(alertText()).toBe("That code is not right. Check it and try again.");
    await fill({ "Authentication code": "123456" }, showing("signed-in"), "signed in");
    expect(container.textContent).toContain("(admin)");
  });

  it("resets a forgotten password with the code sent by e-mail", async () => {
    start();
    await act(() => session.start());
    click("Forgot your password?");
    expect(heading()).toBe("Forgot your password?");
    await fill({ "E-mail": "ada@example.com" }, () => heading() === "Set a new password", "the code step");
    expect(container.textContent).toContain("We sent a code to a***@e***");
    await fill({ Code: "246810", "New password": "Another-pass-2030", "Repeat the new password": "Another-pass-2030" }, () => heading() === "Sign in", "the sign-in form");
    expect(noticeText()).toBe("Your password is changed. Sign in with the new one.");
    await fill({ Password: "Another-pass-2030" }, showing("signed-in"), "signed in with the new password");
  });

  it("comes back when the session ends, says why and that uploads in progress wait, which go on after sign-in", async () => {
    start();
    await act(() => session.start());
    await fill({ "E-mail": "ada@example.com", Password: ADA.password }, showing("signed-in"), "signed in");
    const api = uploadApis[0] as FakeUploadApi;
    const token = (await session.accessToken()) ?? "";
    api.refusing = new ApiError(401, "UNAUTHORIZED", SIGN_IN_AGAIN_MESSAGE);
    services()?.uploader.add([new File(["x"], "clip.mp4", { type: "video/mp4" })]);
    await eventually(() => services()?.uploader.rows[0]?.state === "paused", "the upload to wait");
    session.tokenRejected(token);
    await eventually(() => page() !== null, "the sign-in page");
    expect(noticeText()).toBe("Your session has ended. Sign in again to go on.");
    expect(container.querySelector('[data-testid="uploads-waiting"]')?.textContent).toContain("they go on once you sign in again");
    expect(field("E-mail").value).toBe("ada@example.com");

    // Busy this time: the upload asks again (and waits for a retry) without sending bytes anywhere.
    api.refusing = new ApiError(503, "UNAVAILABLE", "busy");
    await fill({ Password: ADA.password }, showing("signed-in"), "signed in again");
    await eventually(() => api.calls.filter((call) => call === "POST /uploads").length === 2, "the upload to go on");
  });

  it("signs out from the header, ending the playback cookies it was granted first, and says so", async () => {
    start();
    await act(() => session.start());
    await fill({ "E-mail": "ada@example.com", Password: ADA.password }, showing("signed-in"), "signed in");
    const api = statusApis[0] as FakeStatusApi;
    const video = statusItem({ status: "COMPLETE" });
    api.add(video, { id: ADA.user.sub });
    await services()?.statusApi.grantPlayback(video.uploadId);
    click("Sign out");
    await eventually(() => api.calls.includes(`END ${video.uploadId}`), "the video's cookies to be ended");
    await eventually(() => page() !== null, "the sign-in page");
    expect(noticeText()).toBe("You are signed out.");
    expect(identity.calls).toContain("signOut");
    expect(container.querySelector('[data-testid="account-email"]')).toBeNull();
  });
});
