import { MIB, SINGLE_PUT_MAX_BYTES, partSizeFor } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { bytesStored, partRanges, partsToSend, planUpload } from "../src/upload/upload-plan.js";

describe("planUpload", () => {
  it("sends a file below SINGLE_PUT_MAX_BYTES in one PUT", () => {
    expect(planUpload(1)).toEqual({ method: "PUT", sizeBytes: 1 });
    expect(planUpload(SINGLE_PUT_MAX_BYTES - 1).method).toBe("PUT");
  });

  it("sends a file of 100 MiB or more as multipart, cut as the API cuts it", () => {
    const plan = planUpload(SINGLE_PUT_MAX_BYTES);
    expect(plan.method).toBe("MULTIPART");
    if (plan.method !== "MULTIPART") return;
    expect(plan.partSizeBytes).toBe(partSizeFor(SINGLE_PUT_MAX_BYTES));
    expect(plan.parts).toHaveLength(Math.ceil(SINGLE_PUT_MAX_BYTES / plan.partSizeBytes));
  });

  it("follows the limits it is given", () => {
    const limits = { singlePutMaxBytes: 10, partSizeFor: () => 4 };
    expect(planUpload(9, limits).method).toBe("PUT");
    expect(planUpload(10, limits)).toMatchObject({ method: "MULTIPART", partSizeBytes: 4 });
  });
});

describe("partRanges", () => {
  it.each([
    [120 * 1000 * 1000, 8 * MIB],
    [SINGLE_PUT_MAX_BYTES, partSizeFor(SINGLE_PUT_MAX_BYTES)],
    [5 * 1024 * MIB + 3, partSizeFor(5 * 1024 * MIB + 3)],
    [16 * MIB, 8 * MIB],
  ])("covers %i bytes in parts of %i, in order, with no gap or overlap", (size, partSize) => {
    const parts = partRanges(size, partSize);
    expect(parts[0]).toMatchObject({ partNumber: 1, start: 0 });
    expect(parts.at(-1)?.end).toBe(size);
    parts.forEach((part, index) => {
      expect(part.partNumber).toBe(index + 1);
      expect(part.end - part.start).toBeGreaterThan(0);
      expect(part.end - part.start).toBeLessThanOrEqual(partSize);
      if (index > 0) expect(part.start).toBe(parts[index - 1]?.end);
      if (index < parts.length - 1) expect(part.end - part.start).toBe(partSize);
    });
  });

  it("gives a 120 MB file 15 parts, the last one short", () => {
    const parts = partRanges(120_000_000, 8 * MIB);
    expect(parts).toHaveLength(15);
    expect(parts.at(-1)).toEqual({ partNumber: 15, start: 14 * 8 * MIB, end: 120_000_000 });
  });
});

describe("partsToSend after a resume", () => {
  const parts = partRanges(40, 10); // four parts of 10 bytes

  it("sends every part when nothing is stored", () => {
    expect(partsToSend(parts, [])).toEqual([1, 2, 3, 4]);
  });

  it("skips the parts the bucket holds whole", () => {
    const stored = [
      { partNumber: 1, sizeBytes: 10 },
      { partNumber: 3, sizeBytes: 10 },
    ];
    expect(partsToSend(parts, stored)).toEqual([2, 4]);
    expect(bytesStored(parts, stored)).toBe(20);
  });

  it("sends again a stored part of the wrong size, and ignores parts outside the plan", () => {
    const stored = [
      { partNumber: 2, sizeBytes: 7 },
      { partNumber: 4, sizeBytes: 10 },
      { partNumber: 9, sizeBytes: 10 },
    ];
    expect(partsToSend(parts, stored)).toEqual([1, 2, 3]);
    expect(bytesStored(parts, stored)).toBe(10);
  });

  it("has nothing to send when every part is stored", () => {
    const stored = parts.map((part) => ({ partNumber: part.partNumber, sizeBytes: part.end - part.start }));
    expect(partsToSend(parts, stored)).toEqual([]);
    expect(bytesStored(parts, stored)).toBe(40);
  });
});
