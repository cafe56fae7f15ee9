import type { FetchLike } from "../api/json-request.js";

/**
 * Whether the live channel is on: its playlist answers and is a playlist. An idle channel (or a
 * stopped local encoder) answers 404 or nothing at all.
 */
export async function isLiveChannelOn(fetchFn: FetchLike, playlistUrl: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const response = await fetchFn(playlistUrl, { cache: "no-store", signal: signal ?? null });
    if (!response.ok) return false;
    return (await response.text()).trimStart().startsWith("#EXTM3U");
  } catch {
    return false;
  }
}
