import { describe, expect, it } from "vitest";
import { decodePageToken, encodePageToken, type ListPosition } from "../../src/core/page-token.js";
import { InvalidRequestError } from "../../src/core/upload-errors.js";

const position: ListPosition = {
  FileName: "uploads/0b9f6c1e-3c3a-4c43-9a8e-2f0d8f1f6a11.mp4",
  ListPartition: "upload",
  CreatedAt: "2025-01-01T00:00:00.000Z",
};

describe("page tokens", () => {
  it("round-trip a list position as URL-safe text", () => {
    const token = encodePageToken(position);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token)).toEqual(position);
  });

  it.each([
    ["garbage", "!!"],
    ["padding", `${encodePageToken(position)}=`],
    ["another partition", Buffer.from(JSON.stringify({ ...position, ListPartition: "x" })).toString("base64url")],
    ["a key outside uploads/", Buffer.from(JSON.stringify({ ...position, FileName: "secrets/x" })).toString("base64url")],
    ["a missing sort key", Buffer.from(JSON.stringify({ FileName: position.FileName, ListPartition: "upload" })).toString("base64url")],
  ])("refuse %s as a bad pageToken", (_case, token) => {
    expect(() => decodePageToken(token)).toThrow(InvalidRequestError);
    try {
      decodePageToken(token);
    } catch (error) {
      expect((error as InvalidRequestError).field).toBe("pageToken");
    }
  });
});
