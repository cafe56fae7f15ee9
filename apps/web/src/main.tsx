import { render } from "preact";
import { createStatusApi } from "./api/status-api.js";
import { createUploadApi } from "./api/upload-api.js";
import { loadWebAppConfig } from "./config/web-app-config.js";
import { LibraryFeed } from "./library/library-feed.js";
import "./styles.css";
import "./video.css";
import { App } from "./ui/App.js";
import { ResumableUploads, browserStorage } from "./upload/resumable-uploads.js";
import { VideoUploader } from "./upload/video-uploader.js";

async function start(root: HTMLElement): Promise<void> {
  const fetchFn = window.fetch.bind(window);
  const origin = window.location.origin;
  try {
    const config = await loadWebAppConfig(fetchFn, origin);
    const statusApi = createStatusApi(config.statusApiUrl, fetchFn);
    const services = {
      config,
      statusApi,
      fetch: fetchFn,
      origin,
      library: new LibraryFeed(statusApi),
      uploader: new VideoUploader({
        api: createUploadApi(config.uploadApiUrl, fetchFn),
        resumable: new ResumableUploads(browserStorage()),
        connectivity: window,
      }),
    };
    document.title = `Video platform (${config.environment})`;
    root.replaceChildren();
    render(<App services={services} />, root);
  } catch (error) {
    // Without its endpoints the app can do nothing: say why, plainly, instead of half-working.
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
