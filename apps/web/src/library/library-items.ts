import { isTerminal, type UploadStatusResponse } from "@video-platform/shared-types";

/**
 * Merges a fresh answer into the list: one entry per upload, the most recently updated copy
 * wins (polls can cross), newest upload first.
 */
export function mergeLibraryItems(
  current: readonly UploadStatusResponse[],
  incoming: readonly UploadStatusResponse[],
): UploadStatusResponse[] {
  const byId = new Map(current.map((item) => [item.uploadId, item]));
  for (const item of incoming) {
    const known = byId.get(item.uploadId);
    if (known === undefined || Date.parse(item.updatedAt) >= Date.parse(known.updatedAt)) byId.set(item.uploadId, item);
  }
  return [...byId.values()].sort(newestFirst);
}

function newestFirst(a: UploadStatusResponse, b: UploadStatusResponse): number {
  return b.createdAt.localeCompare(a.createdAt) || a.uploadId.localeCompare(b.uploadId);
}

/** Anything still moving (waiting for bytes, queued, transcoding) is worth watching. */
export function isSettled(items: readonly UploadStatusResponse[]): boolean {
  return items.every((item) => isTerminal(item.status));
}

/** Uploads still moving that a refresh of the first page did not cover: each is asked for alone. */
export function unsettledOutside(
  items: readonly UploadStatusResponse[],
  refreshed: readonly UploadStatusResponse[],
): string[] {
  const covered = new Set(refreshed.map((item) => item.uploadId));
  return items.filter((item) => !isTerminal(item.status) && !covered.has(item.uploadId)).map((item) => item.uploadId);
}
