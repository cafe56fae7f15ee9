import { STATUS_TABLE } from "@video-platform/shared-types";

/**
 * The status table item that counts one owner's bytes started in one UTC day. Its key is no
 * upload key (`uploads/...`) and it has no `ListPartition` or `OwnerId`, so no index and no list
 * ever sees it; it expires two days after its day began, once no request can still count against it.
 */
export function dailyUsageKey(ownerId: string, day: string): string {
  return `usage/${ownerId}/${day}`;
}

export const USAGE_TTL_ATTRIBUTE = STATUS_TABLE.timeToLiveAttribute;
export const USAGE_BYTES_ATTRIBUTE = "BytesStarted";

/** Epoch seconds at which the counter of `day` (`YYYY-MM-DD`) may be deleted. */
export function dailyUsageExpiry(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00.000Z`) / 1000) + 2 * 24 * 60 * 60;
}
