import { render } from "preact";
import { authorizedFetch } from "./api/authorized-fetch.js";
import { createStatusApi } from "./api/status-api.js";
import { createUploadApi } from "./api/upload-api.js";
import { broadcastOtherTabs } from "./auth/other-tabs.js";
import { SessionController } from "./auth/session-controller.js";
import { loadWebAppConfig } from "./config/web-app-config.js";
import { LibraryFeed } from "./library/library-feed.js";
import { PlaybackLedger } from "./player/playback-ledger.js";
import "./styles.css";
import "./video.css";
import "./accounts.css";
import { AccountServices } from "./ui/account-services.js";
import { App } from "./ui/App.js";
import { browserStorage } from "./storage/browser-storage.js";
import { ResumableUploads } from "./upload/resumable-uploads.js";
import { VideoUploader } from "./upload/video-uploader.js";

async function start(root: HTMLElement): Promise<void> {
  const fetchFn = window.fetch.bind(window);
  const origin = window.location.origin;
  try {
    const config = await loadWebAppConfig(fetchFn, origin);
    // The sign-in library (27.6 kB gzip) is its own chunk, fetched while the page starts.
    const session = new SessionController({
      provider: () => import("./auth/cognito-identity.js").then(({ createCognitoIdentity }) => createCognitoIdentity(config.auth)),
      // Sign-out takes back this session's playback cookies while its token still works.
      endGrants: (signal) => accounts.current?.endPlayback(signal) ?? Promise.resolve(),
      // A sign-out in any tab signs the same person out of the others, which hold the tokens in memory.
      otherTabs: broadcastOtherTabs(),
    });
    // Every API call carries the session's access token; a 401 ends the session.
    const apiFetch = authorizedFetch(fetchFn, session);
    // The playback cookies this browser was granted (whoever asked), for sign-out to end.
    const playback = new PlaybackLedger(browserStorage());
    const accounts = new AccountServices((user) => {
      const api = createStatusApi(origin, apiFetch);
      const statusApi = playback.track(api);
      const library = new LibraryFeed(statusApi);
      const uploader = new VideoUploader({
        api: createUploadApi(origin, apiFetch),
        resumable: new ResumableUploads(browserStorage(), user.sub),
        connectivity: window,
      });
      return {
        config,
        statusApi,
        fetch: fetchFn,
        origin,
        library,
        uploader,
        endPlayback: (signal) => playback.endAll(api, signal),
        destroy: () => {
          library.stop();
          uploader.destroy();
        },
      };
    });
    accounts.follow(session);
    document.title = `Video platform (${config.environment})`;
    root.replaceChildren();
    render(<App config={config} session={session} accounts={accounts} />, root);
    void session.start();
  } catch (error) {
    // Without its configuration the app can do nothing: say why, plainly, instead of half-working.
    const message = error instanceof Error ? error.message : String(error);
    const notice = document.createElement("div");
    notice.className = "panel startup-error";
    notice.setAttribute("role", "alert");
    const title = document.createElement("h1");
    title.textContent = "The app could not start";
    const detail = document.createElement("p");
    detail.textContent = message;
    notice.append(title, detail);
    root.replaceChildren(notice);
  }
}

const root = document.getElementById("app");
if (root !== null) void start(root);
