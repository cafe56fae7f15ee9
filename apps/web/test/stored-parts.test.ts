import { describe, expect, it } from "vitest";
import { wholeStoredParts } from "../src/upload/stored-parts.js";

const part = (partNumber: number, sizeBytes: number) => ({ partNumber, etag: `"e${partNumber}"`, sizeBytes });

describe("wholeStoredParts after a resume", () => {
  // 35 bytes cut in parts of 10: three of 10 and a last one of 5.
  it("counts nothing when nothing is stored", () => {
    expect(wholeStoredParts([], 35, 10)).toEqual([]);
  });

  it("keeps the parts the bucket holds whole, the short last one included", () => {
    expect(wholeStoredParts([part(1, 10), part(4, 5)], 35, 10)).toEqual([part(1, 10), part(4, 5)]);
  });

  it("drops a stored part of the wrong size and parts outside the cut", () => {
    expect(wholeStoredParts([part(2, 7), part(3, 10), part(4, 10), part(9, 10)], 35, 10)).toEqual([part(3, 10)]);
  });

  it("keeps every part when the whole file is stored", () => {
    const all = [part(1, 10), part(2, 10), part(3, 10), part(4, 5)];
    expect(wholeStoredParts(all, 35, 10)).toEqual(all);
  });
});
