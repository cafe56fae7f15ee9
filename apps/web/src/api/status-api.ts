import {
  DeleteVideoResponse,
  LivePlaybackResponse,
  PlaybackEndedResponse,
  PlaybackGrantResponse,
  STATUS_API_ROUTES,
  UploadListResponse,
  UploadStatusResponse,
  type ListUploadsQuery,
} from "@video-platform/shared-types";
import { requestJson, type FetchLike } from "./json-request.js";
import { routeRequest } from "./route-url.js";

export type ListScope = ListUploadsQuery["scope"];

export interface ListPage {
  /** `mine` (the default) or, for admins, `all`. */
  readonly scope?: ListScope;
  readonly limit?: number;
  readonly pageToken?: string;
}

/** MovieStatusApi: uploads (one, or a page, newest first), playback cookies (given and taken back), deletion. */
export interface StatusApi {
  getStatus(uploadId: string, signal?: AbortSignal): Promise<UploadStatusResponse>;
  listStatuses(page: ListPage, signal?: AbortSignal): Promise<UploadListResponse>;
  /** Playback cookies for one video: the browser stores the answer's `Set-Cookie`s (same origin). */
  grantPlayback(uploadId: string, signal?: AbortSignal): Promise<PlaybackGrantResponse>;
  /** Cookies for the live channel when it is private here; `pathPrefix: null` when it is public. */
  grantLivePlayback(signal?: AbortSignal): Promise<LivePlaybackResponse>;
  /** Sign-out: the answer expires this video's playback cookies in the browser. */
  endPlayback(uploadId: string, signal?: AbortSignal): Promise<PlaybackEndedResponse>;
  /** Sign-out: the same for the live channel's (none where it is public). */
  endLivePlayback(signal?: AbortSignal): Promise<PlaybackEndedResponse>;
  deleteVideo(uploadId: string): Promise<DeleteVideoResponse>;
}

/** `apiOrigin`: where `/api/...` is served, the app's own origin. */
export function createStatusApi(apiOrigin: string, fetchFn: FetchLike): StatusApi {
  const route = (key: string, uploadId?: string, query: Record<string, string | number | undefined> = {}) =>
    routeRequest(apiOrigin, key, uploadId === undefined ? {} : { uploadId }, query);
  return {
    getStatus: (uploadId, signal) => requestJson(fetchFn, route(STATUS_API_ROUTES.getStatus, uploadId), UploadStatusResponse, { signal }),
    listStatuses: (page, signal) =>
      requestJson(
        fetchFn,
        route(STATUS_API_ROUTES.listStatuses, undefined, { scope: page.scope, limit: page.limit, pageToken: page.pageToken }),
        UploadListResponse,
        { signal },
      ),
    grantPlayback: (uploadId, signal) =>
      requestJson(fetchFn, route(STATUS_API_ROUTES.grantPlayback, uploadId), PlaybackGrantResponse, { signal }),
    grantLivePlayback: (signal) => requestJson(fetchFn, route(STATUS_API_ROUTES.grantLivePlayback), LivePlaybackResponse, { signal }),
    endPlayback: (uploadId, signal) => requestJson(fetchFn, route(STATUS_API_ROUTES.endPlayback, uploadId), PlaybackEndedResponse, { signal }),
    endLivePlayback: (signal) => requestJson(fetchFn, route(STATUS_API_ROUTES.endLivePlayback), PlaybackEndedResponse, { signal }),
    deleteVideo: (uploadId) => requestJson(fetchFn, route(STATUS_API_ROUTES.deleteVideo, uploadId), DeleteVideoResponse),
  };
}
