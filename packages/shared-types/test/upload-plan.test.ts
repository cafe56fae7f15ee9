import { describe, expect, it } from "vitest";
import {
  GIB,
  MAX_PARTS_PER_UPLOAD,
  MIB,
  MIN_PART_BYTES,
  SINGLE_PUT_MAX_BYTES,
  partCountFor,
  partSizeFor,
  partSizeOf,
  uploadPlanFor,
} from "../src/index.js";

describe("uploadPlanFor", () => {
  it("sends files below the threshold in one PUT and from it on as multipart", () => {
    expect(uploadPlanFor(1)).toEqual({ method: "PUT" });
    expect(uploadPlanFor(SINGLE_PUT_MAX_BYTES - 1)).toEqual({ method: "PUT" });
    expect(uploadPlanFor(SINGLE_PUT_MAX_BYTES).method).toBe("MULTIPART");
  });

  it("uses 8 MiB parts for ordinary files: 15 of them for 120 MiB", () => {
    expect(uploadPlanFor(120 * MIB)).toEqual({ method: "MULTIPART", partSizeBytes: MIN_PART_BYTES, partCount: 15 });
    expect(uploadPlanFor(120_000_000)).toEqual({ method: "MULTIPART", partSizeBytes: 8 * MIB, partCount: 15 });
  });

  it.each([SINGLE_PUT_MAX_BYTES, SINGLE_PUT_MAX_BYTES + 1, 7 * GIB + 3, 50 * GIB, 5 * 1024 * GIB])(
    "cuts %d bytes into whole-MiB parts of at least 8 MiB that cover the file exactly, at most 1000 of them",
    (sizeBytes) => {
      const plan = uploadPlanFor(sizeBytes);
      if (plan.method !== "MULTIPART") throw new Error("expected multipart");
      expect(plan.partSizeBytes).toBe(partSizeFor(sizeBytes));
      expect(plan.partSizeBytes % MIB).toBe(0);
      expect(plan.partSizeBytes).toBeGreaterThanOrEqual(MIN_PART_BYTES);
      expect(plan.partCount).toBe(partCountFor(sizeBytes, plan.partSizeBytes));
      expect(plan.partCount).toBeLessThanOrEqual(MAX_PARTS_PER_UPLOAD);
      expect((plan.partCount - 1) * plan.partSizeBytes).toBeLessThan(sizeBytes);
      let total = 0;
      for (let part = 1; part <= plan.partCount; part++) {
        const size = partSizeOf(part, sizeBytes, plan.partSizeBytes);
        expect(size).toBeGreaterThan(0);
        if (part < plan.partCount) expect(size).toBe(plan.partSizeBytes);
        total += size;
      }
      expect(total).toBe(sizeBytes);
    },
  );
});

describe("partSizeOf", () => {
  it("gives every part the part size but the last, which holds the remainder", () => {
    expect([1, 2, 3, 4].map((part) => partSizeOf(part, 35, 10))).toEqual([10, 10, 10, 5]);
    expect(partSizeOf(2, 20, 10)).toBe(10);
  });
});
