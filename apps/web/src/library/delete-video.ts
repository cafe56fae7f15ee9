import { ApiError } from "../api/api-errors.js";
import type { StatusApi } from "../api/status-api.js";
import type { VideoUploader } from "../upload/video-uploader.js";
import type { LibraryFeed } from "./library-feed.js";

export interface DeleteVideoDeps {
  readonly statusApi: Pick<StatusApi, "deleteVideo">;
  readonly uploader: Pick<VideoUploader, "cancelUpload">;
  readonly library: Pick<LibraryFeed, "forget">;
}

/**
 * Deletes a video for good (`DELETE /api/videos/{id}`: the original, every processed file, the
 * record), after the person confirmed. An upload of it still being sent from this page stops
 * first; a video already gone counts as deleted. It leaves the library at once.
 */
export async function deleteVideo(deps: DeleteVideoDeps, uploadId: string): Promise<void> {
  await deps.uploader.cancelUpload(uploadId);
  try {
    await deps.statusApi.deleteVideo(uploadId);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  deps.library.forget(uploadId);
}
