import {
  mayActOn,
  outputPrefixOf,
  type Caller,
  type PlaybackEndedResponse,
  type PlaybackGrantResponse,
  type UploadStatusResponse,
} from "@video-platform/shared-types";
import { ApiError } from "../src/api/api-errors.js";
import type { ListPage, StatusApi } from "../src/api/status-api.js";

interface StoredUpload {
  readonly item: UploadStatusResponse;
  readonly owner: { readonly id: string; readonly email?: string };
}

/**
 * MovieStatusApi as the app sees it, in memory, with the platform's ownership rule (`mayActOn`):
 * the caller's own uploads, everyone's for an admin (each with its owner), 404 for someone
 * else's, 403 for a non-admin asking for all. Playback grants last `grantLifetimeMs`.
 */
export class FakeStatusApi implements StatusApi {
  readonly calls: string[] = [];
  readonly uploads = new Map<string, StoredUpload>();
  grantLifetimeMs = 3_600_000;
  renewMarginMs = 300_000;
  /** The next grants fail with this while set. */
  grantRefusal: ApiError | undefined;

  constructor(public caller: Caller) {}

  add(item: UploadStatusResponse, owner: StoredUpload["owner"]): void {
    this.uploads.set(item.uploadId, { item, owner });
  }

  async getStatus(uploadId: string): Promise<UploadStatusResponse> {
    this.calls.push(`GET ${uploadId}`);
    return this.#shown(this.#mine(uploadId));
  }

  async listStatuses(page: ListPage) {
    const scope = page.scope ?? "mine";
    this.calls.push(`LIST ${scope}`);
    if (scope === "all" && !this.caller.isAdmin) throw new ApiError(403, "FORBIDDEN", "Only admins may list every upload");
    const items = [...this.uploads.values()]
      .filter((upload) => (scope === "all" ? true : upload.owner.id === this.caller.sub))
      .map((upload) => this.#shown(upload))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { items };
  }

  async grantPlayback(uploadId: string): Promise<PlaybackGrantResponse> {
    this.calls.push(`GRANT ${uploadId}`);
    this.#mine(uploadId);
    return this.#grant(`/${outputPrefixOf(uploadId)}`);
  }

  async grantLivePlayback(): Promise<PlaybackGrantResponse> {
    this.calls.push("GRANT live");
    return this.#grant("/live/");
  }

  /** Ends anyone's cookies for any id, as the API does: it grants nothing and tells nothing. */
  async endPlayback(uploadId: string): Promise<PlaybackEndedResponse> {
    this.calls.push(`END ${uploadId}`);
    return { pathPrefix: `/${outputPrefixOf(uploadId)}` };
  }

  async endLivePlayback(): Promise<PlaybackEndedResponse> {
    this.calls.push("END live");
    return { pathPrefix: "/live/" };
  }

  async deleteVideo(uploadId: string) {
    this.calls.push(`DELETE ${uploadId}`);
    this.#mine(uploadId);
    this.uploads.delete(uploadId);
    return { uploadId, deleted: true as const };
  }

  #mine(uploadId: string): StoredUpload {
    const upload = this.uploads.get(uploadId);
    // Someone else's upload is not there, exactly like a missing one.
    if (upload === undefined || !mayActOn(this.caller, upload.owner.id)) throw new ApiError(404, "NOT_FOUND", "No such upload");
    return upload;
  }

  #shown(upload: StoredUpload): UploadStatusResponse {
    return this.caller.isAdmin ? { ...upload.item, owner: upload.owner } : upload.item;
  }

  #grant(pathPrefix: string): PlaybackGrantResponse {
    if (this.grantRefusal !== undefined) throw this.grantRefusal;
    const now = Date.now();
    return {
      pathPrefix,
      expiresAt: new Date(now + this.grantLifetimeMs).toISOString(),
      renewAt: new Date(now + this.grantLifetimeMs - this.renewMarginMs).toISOString(),
    };
  }
}
