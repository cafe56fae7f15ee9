import { GIB, MIB, SINGLE_PUT_MAX_BYTES, UploadId, uploadPlanFor } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { UploadTooLargeError } from "../../src/core/upload-errors.js";
import { assertPartsInPlan, newUploadId, planUpload } from "../../src/core/upload-plan.js";

const request = (sizeBytes: number) => ({ fileName: "film.mp4", contentType: "video/mp4", sizeBytes });

describe("planUpload", () => {
  it.each([1, SINGLE_PUT_MAX_BYTES - 1, SINGLE_PUT_MAX_BYTES, 120_000_000, 7 * GIB + 3, 50 * GIB])(
    "plans %d bytes as the platform's one rule does",
    (sizeBytes) => {
      expect(planUpload(request(sizeBytes), 50 * GIB)).toEqual(uploadPlanFor(sizeBytes));
    },
  );

  it("sends files below the threshold in one PUT and from it on as multipart", () => {
    expect(planUpload(request(SINGLE_PUT_MAX_BYTES - 1), 50 * GIB)).toEqual({ method: "PUT" });
    expect(planUpload(request(SINGLE_PUT_MAX_BYTES), 50 * GIB)).toMatchObject({ method: "MULTIPART", partSizeBytes: 8 * MIB });
  });

  it("refuses more than the maximum as too large, and accepts the maximum itself", () => {
    expect(() => planUpload(request(10 * MIB + 1), 10 * MIB)).toThrow(UploadTooLargeError);
    expect(planUpload(request(10 * MIB), 10 * MIB).method).toBe("PUT");
  });
});

describe("newUploadId", () => {
  it("is a UUID with the file's own extension, lower-cased, or one from the content type", () => {
    const uuid = "0b9f6c1e-3c3a-4c43-9a8e-2f0d8f1f6a11";
    expect(newUploadId({ fileName: "Trip.MOV", contentType: "video/quicktime" }, uuid)).toBe(`${uuid}.mov`);
    expect(newUploadId({ fileName: "no extension", contentType: "video/webm" }, uuid)).toBe(`${uuid}.webm`);
    expect(newUploadId({ fileName: "odd", contentType: "video/x-unknown" }, uuid)).toBe(`${uuid}.bin`);
  });

  it("never carries the user's name and is fresh each time", () => {
    const ids = Array.from({ length: 50 }, () => newUploadId({ fileName: "secret-name.mp4", contentType: "video/mp4" }));
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) {
      expect(UploadId.safeParse(id).success).toBe(true);
      expect(id).not.toContain("secret");
    }
  });
});

describe("assertPartsInPlan", () => {
  it("accepts the planned parts and names the field for one beyond them", () => {
    expect(() => assertPartsInPlan([1, 13], 13, "partNumbers")).not.toThrow();
    expect(() => assertPartsInPlan([1, 14], 13, "partNumbers")).toThrow(expect.objectContaining({ field: "partNumbers" }));
  });
});
