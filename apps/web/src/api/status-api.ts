import { STATUS_API_ROUTES, UploadListResponse, UploadStatusResponse } from "@video-platform/shared-types";
import { requestJson, type FetchLike } from "./json-request.js";
import { routeRequest } from "./route-url.js";

/** MovieStatusApi: one upload, or a page of all of them (newest first). */
export interface StatusApi {
  getStatus(uploadId: string, signal?: AbortSignal): Promise<UploadStatusResponse>;
  listStatuses(page: { limit?: number; pageToken?: string }, signal?: AbortSignal): Promise<UploadListResponse>;
}

export function createStatusApi(statusApiUrl: string, fetchFn: FetchLike): StatusApi {
  return {
    getStatus: (uploadId, signal) =>
      requestJson(fetchFn, routeRequest(statusApiUrl, STATUS_API_ROUTES.getStatus, { uploadId }), UploadStatusResponse, {
        signal,
      }),
    listStatuses: (page, signal) =>
      requestJson(
        fetchFn,
        routeRequest(statusApiUrl, STATUS_API_ROUTES.listStatuses, {}, { limit: page.limit, pageToken: page.pageToken }),
        UploadListResponse,
        { signal },
      ),
  };
}
