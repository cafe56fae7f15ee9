import type { WebAppConfig } from "@video-platform/shared-types";
import type { FetchLike } from "../api/json-request.js";
import type { StatusApi } from "../api/status-api.js";
import type { LibraryFeed } from "../library/library-feed.js";
import type { VideoUploader } from "../upload/video-uploader.js";

/** Everything the pages of one signed-in person talk to, made when they sign in. */
export interface AppServices {
  readonly config: WebAppConfig;
  readonly uploader: VideoUploader;
  readonly library: LibraryFeed;
  readonly statusApi: StatusApi;
  /** For the media (same origin: the playback cookies go along); API calls carry the token instead. */
  readonly fetch: FetchLike;
  /** This page's origin: the API, the media and the live channel are all served here. */
  readonly origin: string;
  /** Sign-out: ends every playback grant this session asked for (best effort; `signal` aborts the calls). */
  endPlayback(signal: AbortSignal): Promise<void>;
  /** Stops everything (transfers, polling): the person signed out, or someone else signed in. */
  destroy(): void;
}
