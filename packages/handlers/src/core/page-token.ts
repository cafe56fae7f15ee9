import * as z from "zod";
import { UPLOAD_KEY_PREFIX, UPLOAD_TABLE } from "@video-platform/shared-types";
import { InvalidRequestError } from "./upload-errors.js";

/** Where a page of the newest-first list stopped: the list index's key of its last item. */
export const ListPosition = z.strictObject({
  [UPLOAD_TABLE.partitionKey]: z.string().startsWith(UPLOAD_KEY_PREFIX).max(1024),
  [UPLOAD_TABLE.listPartitionKey]: z.literal(UPLOAD_TABLE.listPartitionValue),
  [UPLOAD_TABLE.listSortKey]: z.iso.datetime(),
});
export type ListPosition = z.infer<typeof ListPosition>;

/** The opaque `pageToken` clients hand back: the position as base64url JSON. */
export function encodePageToken(position: ListPosition): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/** A token we did not make (or that was altered) is a bad `pageToken`, not a server error. */
export function decodePageToken(token: string): ListPosition {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error("not base64url");
    return ListPosition.parse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
  } catch {
    throw new InvalidRequestError("pageToken is not a token this API issued", "pageToken");
  }
}
