import { MIB } from "@video-platform/shared-types";
import { afterEach, beforeEach } from "vitest";
import { MemoryStorage } from "../src/storage/browser-storage.js";
import { ResumableUploads } from "../src/upload/resumable-uploads.js";
import { VideoUploader, type UploadEvent, type UploadRow } from "../src/upload/video-uploader.js";
import { FakeBucket, FakeUploadApi } from "./fake-platform.js";

// The library's smallest part is 5 MiB; the test API cuts from 6 MiB on, in parts of 5 MiB
// (the platform would send these files in one PUT: the app follows the server, not its own guess).
export const PART = 5 * MIB;
export const SINGLE_PUT_MAX_BYTES = 6 * MIB;
export const MULTIPART_SIZE = 3 * PART + 1 * MIB; // four parts, the last one short

/** A fresh harness for every test of the calling file. */
export function uploaderHarnessPerTest(): UploaderHarness {
  const harness = new UploaderHarness();
  beforeEach(() => harness.start());
  afterEach(() => harness.stop());
  return harness;
}

/** A fake bucket and upload API on loopback, and the uploaders a test made (one per page visit). */
export class UploaderHarness {
  bucket = new FakeBucket();
  api = new FakeUploadApi(this.bucket, { singlePutMaxBytes: SINGLE_PUT_MAX_BYTES, partSizeBytes: PART });
  storage = new MemoryStorage();
  readonly #uploaders: VideoUploader[] = [];

  /** Starts from nothing: an empty bucket, API and browser storage. */
  async start(): Promise<void> {
    this.bucket = new FakeBucket();
    this.api = new FakeUploadApi(this.bucket, { singlePutMaxBytes: SINGLE_PUT_MAX_BYTES, partSizeBytes: PART });
    this.storage = new MemoryStorage();
    await this.bucket.start();
  }

  async stop(): Promise<void> {
    for (const uploader of this.#uploaders.splice(0)) uploader.destroy();
    await this.bucket.stop();
  }

  /** One page visit's uploader, with the notices it gave and its newest row. */
  newUploader(options: { retryDelaysMs?: number[]; connectivity?: EventTarget } = {}) {
    const uploader = new VideoUploader({
      api: this.api,
      resumable: new ResumableUploads(this.storage),
      partsInFlight: 4,
      retryDelaysMs: options.retryDelaysMs ?? [0, 50],
      connectivity: options.connectivity,
    });
    this.#uploaders.push(uploader);
    const events: UploadEvent[] = [];
    uploader.onUploadEvent((event) => events.push(event));
    return { uploader, events, row: () => uploader.rows[uploader.rows.length - 1] as UploadRow };
  }

  /** Parts the bucket holds, over every multipart upload. */
  storedCount(): number {
    return [...this.bucket.parts.values()].reduce((sum, parts) => sum + parts.size, 0);
  }

  multipartUploadIdOf(uploadId: string | undefined): string {
    return this.api.uploads.get(uploadId ?? "")?.multipartUploadId ?? "";
  }

  remembered() {
    return new ResumableUploads(this.storage).list();
  }
}

export async function bytesOf(file: File): Promise<Buffer> {
  return Buffer.from(await file.arrayBuffer());
}
