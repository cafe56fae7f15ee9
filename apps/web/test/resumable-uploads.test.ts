import { describe, expect, it } from "vitest";
import { MemoryStorage } from "../src/storage/browser-storage.js";
import { ResumableUploads, fileFingerprint, type ResumableUpload } from "../src/upload/resumable-uploads.js";
import { uploadId } from "./fixtures.js";

const file = { name: "film.mov", size: 150_000_000, lastModified: 1_700_000_000_000 };
const record: ResumableUpload = {
  uploadId,
  multipartUploadId: "mpu-1",
  partSizeBytes: 8 * 1024 * 1024,
  fileName: file.name,
  sizeBytes: file.size,
  lastModified: file.lastModified,
  startedAt: "2030-01-01T00:00:00.000Z",
};

describe("ResumableUploads", () => {
  it("finds an upload by the file's name, size and modification time", () => {
    const uploads = new ResumableUploads(new MemoryStorage());
    uploads.remember(record);
    expect(uploads.find(file)).toEqual(record);
    expect(uploads.find({ ...file, size: file.size + 1 })).toBeUndefined();
    expect(uploads.find({ ...file, lastModified: 1 })).toBeUndefined();
    expect(uploads.find({ ...file, name: "other.mov" })).toBeUndefined();
  });

  it("survives a reload: a new instance on the same storage sees the record", () => {
    const storage = new MemoryStorage();
    new ResumableUploads(storage).remember(record);
    expect(new ResumableUploads(storage).find(file)?.multipartUploadId).toBe("mpu-1");
  });

  it("forgets a record, and lists what is left", () => {
    const uploads = new ResumableUploads(new MemoryStorage());
    uploads.remember(record);
    uploads.remember({ ...record, fileName: "b.mov", startedAt: "2029-01-01T00:00:00.000Z" });
    expect(uploads.list().map((r) => r.fileName)).toEqual(["b.mov", "film.mov"]);
    uploads.forget(file);
    expect(uploads.find(file)).toBeUndefined();
    expect(uploads.list()).toHaveLength(1);
  });

  it("drops an entry of another shape instead of failing", () => {
    const storage = new MemoryStorage();
    storage.setItem(`video-platform:resumable-upload:${fileFingerprint(file)}`, '{"uploadId":"nope"}');
    const uploads = new ResumableUploads(storage);
    expect(uploads.find(file)).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it("keeps uploading when storage refuses writes", () => {
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException("quota", "QuotaExceededError");
    };
    const uploads = new ResumableUploads(full);
    expect(() => uploads.remember(record)).not.toThrow();
    expect(uploads.find(file)).toBeUndefined();
  });

  it("keeps each person's unfinished uploads apart: nobody is offered someone else's", () => {
    const storage = new MemoryStorage();
    const ada = new ResumableUploads(storage, "sub-ada");
    const bob = new ResumableUploads(storage, "sub-bob");
    ada.remember(record);
    expect(ada.find(file)).toEqual(record);
    expect(ada.list()).toEqual([record]);
    expect(bob.find(file)).toBeUndefined();
    expect(bob.list()).toEqual([]);
    expect(new ResumableUploads(storage).list()).toEqual([]);
    bob.forget(file);
    expect(ada.list()).toEqual([record]);
  });
});
