import type { UploadStatusResponse } from "@video-platform/shared-types";

export const uploadId = "0b5c2f7e-3f1a-4c2e-9d7b-1a2b3c4d5e6f.mp4";

let counter = 0;

/** A valid status item; each call gets its own id unless one is given. */
export function statusItem(overrides: Partial<UploadStatusResponse>): UploadStatusResponse {
  counter++;
  const id = overrides.uploadId ?? (counter === 1 ? uploadId : `${String(counter).padStart(8, "0")}-0000-4000-8000-000000000000.mp4`);
  return {
    uploadId: id,
    fileName: `uploads/${id}`,
    originalFileName: `clip-${counter}.mp4`,
    contentType: "video/mp4",
    sizeBytes: 1000,
    uploadMethod: "PUT",
    status: "PENDING_UPLOAD",
    progress: 0,
    createdAt: "2030-01-01T00:00:00.000Z",
    updatedAt: "2030-01-01T00:00:00.000Z",
    ...overrides,
  };
}
