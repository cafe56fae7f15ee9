import * as z from "zod";
import { UPLOAD_KEY_PREFIX, UPLOAD_TABLE } from "@video-platform/shared-types";
import { InvalidRequestError } from "./upload-errors.js";

const OWNER_KEY = UPLOAD_TABLE.ownerKey;

/** Which uploads a list reads: every upload (admins), or one owner's. */
export type ListScope = { readonly kind: "all" } | { readonly kind: "owner"; readonly ownerId: string };

const fileName = z.string().startsWith(UPLOAD_KEY_PREFIX).max(1024);
const createdAt = z.iso.datetime();

/** Where a page of every upload stopped: the `ByCreatedAt` index's key of its last item. */
const AllUploadsPosition = z.strictObject({
  [UPLOAD_TABLE.partitionKey]: fileName,
  [UPLOAD_TABLE.listPartitionKey]: z.literal(UPLOAD_TABLE.listPartitionValue),
  [UPLOAD_TABLE.listSortKey]: createdAt,
});

/** Where a page of one owner's uploads stopped: the `ByOwner` index's key of its last item. */
const OwnerUploadsPosition = z.strictObject({
  [UPLOAD_TABLE.partitionKey]: fileName,
  [OWNER_KEY]: z.string().min(1).max(256),
  [UPLOAD_TABLE.listSortKey]: createdAt,
});

export const ListPosition = z.union([AllUploadsPosition, OwnerUploadsPosition]);
export type ListPosition = z.infer<typeof ListPosition>;

/** The opaque `pageToken` clients hand back: the position as base64url JSON. */
export function encodePageToken(position: ListPosition): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/**
 * A token we did not make (or that was altered) is a bad `pageToken`, not a server error. A token
 * is only good for the list it came from: one from the admins' list, or from another owner's
 * list, is refused, so that a token can never move a caller into an index or partition that
 * is not theirs.
 */
export function decodePageToken(token: string, scope: ListScope): ListPosition {
  let position: ListPosition;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error("not base64url");
    const decoded: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    position = (scope.kind === "all" ? AllUploadsPosition : OwnerUploadsPosition).parse(decoded);
  } catch {
    throw new InvalidRequestError("pageToken is not a token this API issued for this list", "pageToken");
  }
  if (scope.kind === "owner" && (position as Record<string, string>)[OWNER_KEY] !== scope.ownerId) {
    throw new InvalidRequestError("pageToken is not a token this API issued for this list", "pageToken");
  }
  return position;
}
