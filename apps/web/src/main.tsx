import { render } from "preact";
import { authorizedFetch } from "./api/authorized-fetch.js";
import { createStatusApi } from "./api/status-api.js";
import { createUploadApi } from "./api/upload-api.js";
import { SessionController } from "./auth/session-controller.js";
import { loadWebAppConfig } from "./config/web-app-config.js";
import { LibraryFeed } from "./library/library-feed.js";
import "./styles.css";
import "./player.css";
import "./accounts.css";
import { AccountServices } from "./ui/account-services.js";
import { App } from "./ui/App.js";
import { ResumableUploads, browserStorage } from "./upload/resumable-uploads.js";
import { VideoUploader } from "./upload/video-uploader.js";

async function start(root: HTMLElement): Promise<void> {
  const fetchFn = window.fetch.bind(window);
  const origin = window.location.origin;
  try {
    const config = await loadWebAppConfig(fetchFn, origin);
    // The sign-in library (27.6 kB gzip) is its own chunk, fetched while the page starts.
    const session = new SessionController({
      provider: () => import("./auth/cognito-identity.js").then(({ createCognitoIdentity }) => createCognitoIdentity(config.auth)),
    });
    // Every API call carries the session's access token; a 401 ends the session.
    const apiFetch = authorizedFetch(fetchFn, session);
    const accounts = new AccountServices((user) => {
      const statusApi = createStatusApi(origin, apiFetch);
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
