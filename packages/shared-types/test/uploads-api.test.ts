import { describe, expect, it } from "vitest";
import {
  CreateUploadRequest,
  CreateUploadResponse,
  extensionFor,
  ListUploadsQuery,
  objectKeyOf,
  outputPrefixOf,
  uploadIdOf,
  UploadStatusResponse,
  videoContentTypeFor,
  VideoFileName,
} from "../src/index.js";

const valid = { fileName: "Holiday film.mp4", contentType: "video/mp4", sizeBytes: 1024 };

function refusedField(input: unknown): string | undefined {
  const result = CreateUploadRequest.safeParse(input);
  return result.success ? undefined : String(result.error.issues[0]?.path[0]);
}

describe("CreateUploadRequest", () => {
  it("accepts a plain video upload", () => {
    expect(CreateUploadRequest.parse(valid)).toEqual(valid);
  });

  it.each([
    ["../../etc/passwd"],
    ["a/b.mp4"],
    ["a\\b.mp4"],
    ["film..mp4"],
    ["bad\u0000name.mp4"],
    ["line\nbreak.mp4"],
    [""],
    ["   "],
    ["x".repeat(300)],
    ["é".repeat(128)],
  ])("refuses the name %j, naming fileName", (fileName) => {
    expect(refusedField({ ...valid, fileName })).toBe("fileName");
  });

  it("normalises names to NFC before measuring them", () => {
    const decomposed = "e\u0301".repeat(100); // 300 bytes decomposed, 200 bytes composed
    expect(VideoFileName.parse(decomposed)).toBe("\u00e9".repeat(100));
  });

  it("accepts a name of exactly 255 bytes", () => {
    expect(refusedField({ ...valid, fileName: `${"a".repeat(251)}.mp4` })).toBeUndefined();
  });

  it.each([["text/plain"], ["application/octet-stream"], ["video"], ["image/png"]])(
    "refuses the content type %s, naming contentType",
    (contentType) => {
      expect(refusedField({ ...valid, contentType })).toBe("contentType");
    },
  );

  it.each([[0], [-1], [1.5], ["12"]])("refuses the size %j, naming sizeBytes", (sizeBytes) => {
    expect(refusedField({ ...valid, sizeBytes })).toBe("sizeBytes");
  });
});

describe("upload ids and keys", () => {
  const id = "0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11.mp4";

  it("round-trips between id and object key", () => {
    expect(objectKeyOf(id)).toBe(`uploads/${id}`);
    expect(uploadIdOf(objectKeyOf(id))).toBe(id);
  });

  it("does not take foreign keys for uploads", () => {
    expect(uploadIdOf("uploads/../../etc/passwd")).toBeUndefined();
    expect(uploadIdOf(`other/${id}`)).toBeUndefined();
  });

  it("puts each upload's HLS output under its own folder", () => {
    expect(outputPrefixOf(id)).toBe("vod/0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11/");
  });

  it("reads a video type from a known extension, in any case, and no type from others", () => {
    expect(videoContentTypeFor("camera.MKV")).toBe("video/x-matroska");
    expect(videoContentTypeFor("Trip.mov")).toBe("video/quicktime");
    expect(videoContentTypeFor("notes.txt")).toBeUndefined();
    expect(videoContentTypeFor("no extension")).toBeUndefined();
  });

  it("keeps a plain extension and falls back to the content type", () => {
    expect(extensionFor("Film.MOV", "video/quicktime")).toBe("mov");
    expect(extensionFor("film", "video/x-matroska")).toBe("mkv");
    expect(extensionFor("film", "video/unknown")).toBe("bin");
  });
});

describe("responses and queries", () => {
  it("tells single and multipart uploads apart", () => {
    const single = CreateUploadResponse.parse({
      method: "PUT",
      uploadId: "0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11.mp4",
      url: "https://raw.s3.amazonaws.com/uploads/x",
      headers: { "Content-Type": "video/mp4" },
      expiresAt: "2026-01-01T00:15:00.000Z",
    });
    expect(single.method).toBe("PUT");
    expect(() => CreateUploadResponse.parse({ ...single, method: "MULTIPART" })).toThrow();
  });

  it("reads an upload's status with or without what its job makes", () => {
    const older = {
      uploadId: "0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11.mp4",
      fileName: "uploads/0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11.mp4",
      originalFileName: "clip.mp4",
      contentType: "video/mp4",
      sizeBytes: 1024,
      uploadMethod: "PUT",
      status: "COMPLETE",
      progress: 100,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:01:00.000Z",
      playbackPath: "vod/0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11/0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11.m3u8",
    };
    expect(UploadStatusResponse.parse(older)).toEqual(older);
    const summary = {
      posterPath: "vod/0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11/previews/frame.0000010.jpg",
      durationSeconds: 5,
      width: 1080,
      height: 1920,
      renditions: [{ width: 1080, height: 1920, bitrate: 8_500_000 }],
    };
    expect(UploadStatusResponse.parse({ ...older, ...summary })).toEqual({ ...older, ...summary });
    expect(UploadStatusResponse.safeParse({ ...older, ...summary, width: -1 }).success).toBe(false);
    expect(UploadStatusResponse.safeParse({ ...older, ...summary, renditions: [] }).success).toBe(false);
  });

  it("defaults and bounds the page size", () => {
    expect(ListUploadsQuery.parse({}).limit).toBe(20);
    expect(ListUploadsQuery.parse({ limit: "5" }).limit).toBe(5);
    expect(ListUploadsQuery.safeParse({ limit: "500" }).success).toBe(false);
    expect(ListUploadsQuery.safeParse({ limit: "abc" }).success).toBe(false);
  });
});
