import {
  AbortUploadResponse,
  CompleteUploadResponse,
  CreateUploadResponse,
  SignPartsResponse,
  StoredPartsResponse,
  UPLOAD_API_ROUTES,
  type CompleteUploadRequest,
  type CreateUploadRequest,
  type SignPartsRequest,
} from "@video-platform/shared-types";
import { requestJson, type FetchLike } from "./json-request.js";
import { routeRequest } from "./route-url.js";

/** MovieUploadApi, one method per route of UPLOAD_API_ROUTES. */
export interface UploadApi {
  createUpload(request: CreateUploadRequest, signal?: AbortSignal): Promise<CreateUploadResponse>;
  listStoredParts(uploadId: string, signal?: AbortSignal): Promise<StoredPartsResponse>;
  signParts(uploadId: string, request: SignPartsRequest, signal?: AbortSignal): Promise<SignPartsResponse>;
  completeUpload(uploadId: string, request: CompleteUploadRequest, signal?: AbortSignal): Promise<CompleteUploadResponse>;
  abortUpload(uploadId: string): Promise<AbortUploadResponse>;
}

/** `apiOrigin`: where `/api/...` is served, the app's own origin. */
export function createUploadApi(apiOrigin: string, fetchFn: FetchLike): UploadApi {
  const route = (key: string, uploadId?: string) =>
    routeRequest(apiOrigin, key, uploadId === undefined ? {} : { uploadId });
  return {
    createUpload: (request, signal) =>
      requestJson(fetchFn, route(UPLOAD_API_ROUTES.createUpload), CreateUploadResponse, { body: request, signal }),
    listStoredParts: (uploadId, signal) =>
      requestJson(fetchFn, route(UPLOAD_API_ROUTES.listStoredParts, uploadId), StoredPartsResponse, { signal }),
    signParts: (uploadId, request, signal) =>
      requestJson(fetchFn, route(UPLOAD_API_ROUTES.signParts, uploadId), SignPartsResponse, { body: request, signal }),
    completeUpload: (uploadId, request, signal) =>
      requestJson(fetchFn, route(UPLOAD_API_ROUTES.completeUpload, uploadId), CompleteUploadResponse, {
        body: request,
        signal,
      }),
    abortUpload: (uploadId) => requestJson(fetchFn, route(UPLOAD_API_ROUTES.abortUpload, uploadId), AbortUploadResponse),
  };
}
