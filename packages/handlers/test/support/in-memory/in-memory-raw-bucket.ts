import type { PresignedPart } from "@video-platform/shared-types";
import { MultipartUploadGoneError, PartListRefusedError } from "../../../src/core/storage-errors.js";
import type { PresignedPut, RawUploadBucket, StoredPart } from "../../../src/ports/raw-upload-bucket.js";

/** S3's smallest part, for every part but the last. */
const MIN_PART_BYTES = 5 * 1024 * 1024;

interface OpenMultipart {
  readonly key: string;
  readonly contentType: string;
  readonly parts: Map<number, StoredPart>;
}

export interface StoredObject {
  readonly contentType: string;
  readonly sizeBytes: number;
}

const unquoted = (etag: string) => etag.replaceAll('"', "");

/**
 * `RawUploadBucket` in memory, for use-case tests without moto. Its URLs are `memory://` URLs
 * that `receive` takes the place of a browser's PUT to; the same contract tests run against it
 * and the S3 adapter (`test/adapters/raw-upload-bucket.contract.test.ts`).
 */
export class InMemoryRawUploadBucket implements RawUploadBucket {
  readonly objects = new Map<string, StoredObject>();
  private readonly multiparts = new Map<string, OpenMultipart>();
  /** Completed multipart uploads and the key each became: completing one again is a no-op, as on S3. */
  private readonly completed = new Map<string, string>();
  private sequence = 0;

  async presignPut(key: string, contentType: string, sizeBytes: number): Promise<PresignedPut> {
    const url = `memory://raw/${key}?${new URLSearchParams({ contentType, sizeBytes: String(sizeBytes) })}`;
    return { url, headers: { "content-type": contentType, "content-length": String(sizeBytes) } };
  }

  async startMultipart(key: string, contentType: string): Promise<string> {
    const id = `multipart-${++this.sequence}`;
    this.multiparts.set(id, { key, contentType, parts: new Map() });
    return id;
  }

  async presignParts(
    key: string,
    multipartUploadId: string,
    parts: readonly { partNumber: number; sizeBytes: number }[],
  ): Promise<PresignedPart[]> {
    return parts.map(({ partNumber, sizeBytes }) => ({
      partNumber,
      url: `memory://raw/${key}?${new URLSearchParams({ uploadId: multipartUploadId, partNumber: String(partNumber), sizeBytes: String(sizeBytes) })}`,
    }));
  }

  /**
   * What a browser's PUT to one of this bucket's URLs does: stores the object or the part, and
   * returns its ETag. Like a signature, the URL binds the length: other bodies are refused.
   */
  receive(url: string, body: Uint8Array): string {
    const parsed = new URL(url);
    const key = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
    if (Number(parsed.searchParams.get("sizeBytes")) !== body.length) throw new Error("SignatureDoesNotMatch: length differs");
    // Unique per stored body, like S3's; not its MD5, which would cost a hash of every test's 100 MiB.
    const etag = `"${(++this.sequence).toString(16).padStart(32, "0")}"`;
    const uploadId = parsed.searchParams.get("uploadId");
    if (uploadId === null) {
      this.objects.set(key, { contentType: parsed.searchParams.get("contentType") ?? "", sizeBytes: body.length });
      return etag;
    }
    const partNumber = Number(parsed.searchParams.get("partNumber"));
    this.open(key, uploadId).parts.set(partNumber, { partNumber, etag, sizeBytes: body.length });
    return etag;
  }

  async listParts(key: string, multipartUploadId: string): Promise<StoredPart[]> {
    return [...this.open(key, multipartUploadId).parts.values()].sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipart(
    key: string,
    multipartUploadId: string,
    parts: readonly { partNumber: number; etag: string }[],
  ): Promise<void> {
    if (this.completed.get(multipartUploadId) === key) return;
    const multipart = this.open(key, multipartUploadId);
    const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    if (new Set(ordered.map((part) => part.partNumber)).size !== ordered.length) throw new PartListRefusedError("partOrder");
    const stored = ordered.map((part) => {
      const held = multipart.parts.get(part.partNumber);
      if (held === undefined || unquoted(held.etag) !== unquoted(part.etag)) throw new PartListRefusedError("unknownPart");
      return held;
    });
    if (stored.slice(0, -1).some((part) => part.sizeBytes < MIN_PART_BYTES)) throw new PartListRefusedError("partTooSmall");
    const sizeBytes = stored.reduce((sum, part) => sum + part.sizeBytes, 0);
    this.objects.set(key, { contentType: multipart.contentType, sizeBytes });
    this.multiparts.delete(multipartUploadId);
    this.completed.set(multipartUploadId, key);
  }

  async abortMultipart(key: string, multipartUploadId: string): Promise<void> {
    if (this.multiparts.get(multipartUploadId)?.key === key) this.multiparts.delete(multipartUploadId);
  }

  async deleteObject(key: string): Promise<void> {
    this.objects.delete(key);
  }

  private open(key: string, multipartUploadId: string): OpenMultipart {
    const multipart = this.multiparts.get(multipartUploadId);
    if (multipart === undefined || multipart.key !== key) throw new MultipartUploadGoneError();
    return multipart;
  }
}
