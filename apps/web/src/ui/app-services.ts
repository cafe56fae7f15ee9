import type { WebAppConfig } from "@video-platform/shared-types";
import type { FetchLike } from "../api/json-request.js";
import type { StatusApi } from "../api/status-api.js";
import type { LibraryFeed } from "../library/library-feed.js";
import type { VideoUploader } from "../upload/video-uploader.js";

/** Everything the pages talk to, made once at start from config.json. */
export interface AppServices {
  readonly config: WebAppConfig;
  readonly uploader: VideoUploader;
  readonly library: LibraryFeed;
  readonly statusApi: StatusApi;
  readonly fetch: FetchLike;
  /** This page's origin: media is served here when mediaBaseUrl is "". */
  readonly origin: string;
}
