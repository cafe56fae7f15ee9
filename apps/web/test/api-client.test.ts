import { STATUS_API_ROUTES, UPLOAD_API_ROUTES } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { ApiContractError, ApiError, ApiUnreachableError } from "../src/api/api-errors.js";
import { createStatusApi } from "../src/api/status-api.js";
import { createUploadApi } from "../src/api/upload-api.js";
import { routeRequest } from "../src/api/route-url.js";
import { uploadId, statusItem } from "./fixtures.js";

interface Call {
  url: string;
  method: string;
  body: unknown;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchFn = async (url: string, init?: RequestInit) => {
    const call = { url, method: init?.method ?? "GET", body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    return respond(call);
  };
  return { calls, fetchFn };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("routeRequest", () => {
  it("fills route parameters, encoded, under the app's origin with or without a trailing slash", () => {
    expect(routeRequest("https://app.example/", UPLOAD_API_ROUTES.signParts, { uploadId: "a b" })).toEqual({
      method: "POST",
      url: "https://app.example/api/uploads/a%20b/parts",
    });
    expect(routeRequest("https://app.example", STATUS_API_ROUTES.listStatuses, {}, { limit: 5, pageToken: undefined })).toEqual({
      method: "GET",
      url: "https://app.example/api/status?limit=5",
    });
  });

  it("refuses a route whose parameter is missing", () => {
    expect(() => routeRequest("https://api.example", UPLOAD_API_ROUTES.abortUpload)).toThrow(/uploadId/);
  });
});

describe("upload API client", () => {
  it("posts the request to POST /uploads and returns the validated answer", async () => {
    const answer = {
      method: "PUT",
      uploadId,
      url: "https://raw.example/uploads/x?sig=1",
      headers: { "content-type": "video/mp4" },
      expiresAt: "2030-01-01T00:00:00.000Z",
    };
    const { calls, fetchFn } = fakeFetch(() => json(201, answer));
    const api = createUploadApi("https://app.example", fetchFn);
    const request = { fileName: "clip.mp4", contentType: "video/mp4", sizeBytes: 10 };
    await expect(api.createUpload(request)).resolves.toEqual(answer);
    expect(calls).toEqual([{ url: "https://app.example/api/uploads", method: "POST", body: request }]);
  });

  it("turns a refusal into an ApiError carrying the API's message, code and field", async () => {
    const { fetchFn } = fakeFetch(() =>
      json(400, { error: { code: "INVALID_REQUEST", message: "contentType must be a video type (video/*)", field: "contentType" } }),
    );
    const api = createUploadApi("https://app.example", fetchFn);
    const refusal = await api.createUpload({ fileName: "notes.txt", contentType: "text/plain", sizeBytes: 3 }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({
      status: 400,
      code: "INVALID_REQUEST",
      field: "contentType",
      message: "contentType must be a video type (video/*)",
      isTransient: false,
    });
  });

  it("names the status when an error has no ApiErrorBody, and counts 5xx as transient", async () => {
    const { fetchFn } = fakeFetch(() => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    const api = createUploadApi("https://app.example", fetchFn);
    const error = await api.listStoredParts(uploadId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, code: "HTTP_502", isTransient: true });
    expect((error as Error).message).toContain("502");
  });

  it("rejects an answer that breaks the contract instead of passing it on", async () => {
    const { fetchFn } = fakeFetch(() => json(200, { uploadId, parts: [{ partNumber: 0, url: "not a url" }], expiresAt: "soon" }));
    const api = createUploadApi("https://app.example", fetchFn);
    const error = await api.signParts(uploadId, { partNumbers: [1] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiContractError);
    expect((error as Error).message).toMatch(/POST \/api\/uploads\/.+\/parts/);
  });

  it("reports an unreachable API as such", async () => {
    const api = createUploadApi("https://app.example", () => Promise.reject(new TypeError("Failed to fetch")));
    await expect(api.abortUpload(uploadId)).rejects.toBeInstanceOf(ApiUnreachableError);
  });

  it("sends each route with its method and path", async () => {
    const { calls, fetchFn } = fakeFetch((call) => {
      if (call.method === "DELETE") return json(200, { uploadId, aborted: true });
      if (call.url.endsWith("/complete")) return json(200, { uploadId, status: "PENDING_UPLOAD" });
      if (call.method === "GET") return json(200, { uploadId, partSizeBytes: 8, parts: [] });
      return json(200, { uploadId, parts: [], expiresAt: "2030-01-01T00:00:00.000Z" });
    });
    const api = createUploadApi("https://app.example/", fetchFn);
    await api.listStoredParts(uploadId);
    await api.signParts(uploadId, { partNumbers: [2, 3] });
    await api.completeUpload(uploadId, { parts: [{ partNumber: 1, etag: '"e1"' }] });
    await api.abortUpload(uploadId);
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname}`)).toEqual([
      `GET /api/uploads/${uploadId}/parts`,
      `POST /api/uploads/${uploadId}/parts`,
      `POST /api/uploads/${uploadId}/complete`,
      `DELETE /api/uploads/${uploadId}`,
    ]);
    expect(calls[1]?.body).toEqual({ partNumbers: [2, 3] });
  });
});

describe("status API client", () => {
  it("pages through GET /api/status with scope, limit and pageToken", async () => {
    const { calls, fetchFn } = fakeFetch(() => json(200, { items: [statusItem({})], nextPageToken: "next" }));
    const api = createStatusApi("https://app.example", fetchFn);
    const page = await api.listStatuses({ scope: "all", limit: 20, pageToken: "abc=" });
    expect(page.nextPageToken).toBe("next");
    expect(page.items[0]?.uploadId).toBe(uploadId);
    expect(calls[0]?.url).toBe("https://app.example/api/status?scope=all&limit=20&pageToken=abc%3D");
  });

  it("asks for playback cookies, live cookies, and deletes, on their routes", async () => {
    const grant = { pathPrefix: `/vod/${uploadId.replace(/\.mp4$/, "")}/`, expiresAt: "2030-01-01T01:00:00.000Z", renewAt: "2030-01-01T00:55:00.000Z" };
    const { calls, fetchFn } = fakeFetch((call) => {
      if (call.method === "DELETE") return json(200, { uploadId, deleted: true });
      if (call.url.endsWith("/api/live/playback")) return json(200, { pathPrefix: null });
      return json(200, grant);
    });
    const api = createStatusApi("https://app.example", fetchFn);
    await expect(api.grantPlayback(uploadId)).resolves.toEqual(grant);
    await expect(api.grantLivePlayback()).resolves.toEqual({ pathPrefix: null });
    await expect(api.deleteVideo(uploadId)).resolves.toEqual({ uploadId, deleted: true });
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname}`)).toEqual([
      `POST /api/videos/${uploadId}/playback`,
      "POST /api/live/playback",
      `DELETE /api/videos/${uploadId}`,
    ]);
  });

  it("ends playback cookies at sign-out on the same paths with DELETE, and reads what was ended", async () => {
    const prefix = `/vod/${uploadId.replace(/\.mp4$/, "")}/`;
    const { calls, fetchFn } = fakeFetch((call) => json(200, { pathPrefix: call.url.endsWith("/api/live/playback") ? "/out/v1/live/" : prefix }));
    const api = createStatusApi("https://app.example", fetchFn);
    await expect(api.endPlayback(uploadId)).resolves.toEqual({ pathPrefix: prefix });
    await expect(api.endLivePlayback()).resolves.toEqual({ pathPrefix: "/out/v1/live/" });
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname}`)).toEqual([`DELETE /api/videos/${uploadId}/playback`, "DELETE /api/live/playback"]);
  });

  it("reports a missing upload as a 404 ApiError", async () => {
    const { fetchFn } = fakeFetch(() => json(404, { error: { code: "NOT_FOUND", message: "No such upload" } }));
    const api = createStatusApi("https://app.example", fetchFn);
    await expect(api.getStatus(uploadId)).rejects.toMatchObject({ status: 404, message: "No such upload" });
  });
});
