import { describe, expect, it } from "vitest";
import { decodePageToken, encodePageToken, type ListPosition, type ListScope } from "../../src/core/page-token.js";
import { InvalidRequestError } from "../../src/core/upload-errors.js";

const FILE_NAME = "uploads/0b9f6c1e-3c3a-4c43-9a8e-2f0d8f1f6a11.mp4";
const CREATED_AT = "2025-01-01T00:00:00.000Z";
const ALL: ListScope = { kind: "all" };
const MINE: ListScope = { kind: "owner", ownerId: "owner-a" };
const allPosition: ListPosition = { FileName: FILE_NAME, ListPartition: "upload", CreatedAt: CREATED_AT };
const ownerPosition: ListPosition = { FileName: FILE_NAME, OwnerId: "owner-a", CreatedAt: CREATED_AT };
const tokenOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function expectBadToken(token: string, scope: ListScope) {
  expect(() => decodePageToken(token, scope)).toThrow(InvalidRequestError);
  try {
    decodePageToken(token, scope);
  } catch (error) {
    expect((error as InvalidRequestError).field).toBe("pageToken");
  }
}

describe("page tokens", () => {
  it("round-trip a position of either list as URL-safe text", () => {
    for (const [position, scope] of [
      [allPosition, ALL],
      [ownerPosition, MINE],
    ] as const) {
      const token = encodePageToken(position);
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodePageToken(token, scope)).toEqual(position);
    }
  });

  it.each([
    ["garbage", "!!"],
    ["padding", `${encodePageToken(allPosition)}=`],
    ["another partition", tokenOf({ ...allPosition, ListPartition: "x" })],
    ["a key outside uploads/", tokenOf({ ...allPosition, FileName: "secrets/x" })],
    ["a missing sort key", tokenOf({ FileName: FILE_NAME, ListPartition: "upload" })],
    ["a position of someone's own list", encodePageToken(ownerPosition)],
  ])("refuse %s as a bad pageToken for the admins' list", (_case, token) => {
    expectBadToken(token, ALL);
  });

  it.each([
    ["a position of the admins' list", encodePageToken(allPosition)],
    ["a position in another owner's partition", encodePageToken({ ...ownerPosition, OwnerId: "owner-b" })],
    ["both indexes' keys at once", tokenOf({ ...ownerPosition, ListPartition: "upload" })],
  ])("refuse %s as a bad pageToken for the caller's own list", (_case, token) => {
    expectBadToken(token, MINE);
  });
});
