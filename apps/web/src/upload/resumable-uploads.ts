import { UploadId } from "@video-platform/shared-types";
import * as z from "zod";
import { readStoredJson, type BrowserStorage } from "../storage/browser-storage.js";

/** What the app keeps of an unfinished multipart upload, so that the same file can pick it up. */
export const ResumableUpload = z.object({
  uploadId: UploadId,
  multipartUploadId: z.string().min(1),
  partSizeBytes: z.number().int().positive(),
  fileName: z.string(),
  sizeBytes: z.number().int().positive(),
  lastModified: z.number(),
  startedAt: z.string(),
});
export type ResumableUpload = z.infer<typeof ResumableUpload>;

export interface FileIdentity {
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
}

/** The same file picked again after a reload has the same name, size and modification time. */
export function fileFingerprint(file: FileIdentity): string {
  return JSON.stringify([file.name, file.size, file.lastModified]);
}

const KEY_PREFIX = "video-platform:resumable-upload:";

/**
 * Unfinished multipart uploads in localStorage, one entry per file fingerprint and per person
 * (`owner`, their `sub`: on a shared computer nobody is offered someone else's upload). Storage
 * that is full, disabled or holds an entry of another shape never breaks an upload: it only loses resume.
 */
export class ResumableUploads {
  readonly #prefix: string;

  constructor(
    private readonly storage: BrowserStorage,
    owner = "",
  ) {
    this.#prefix = owner === "" ? KEY_PREFIX : `${KEY_PREFIX}${owner}:`;
  }

  find(file: FileIdentity): ResumableUpload | undefined {
    const parsed = ResumableUpload.safeParse(readStoredJson(this.storage, this.#prefix + fileFingerprint(file)));
    if (parsed.success) return parsed.data;
    // Missing, not JSON, or of another shape: nothing to resume, and nothing broken kept.
    this.forget(file);
    return undefined;
  }

  remember(record: ResumableUpload): void {
    const key = this.#prefix + fileFingerprint({ name: record.fileName, size: record.sizeBytes, lastModified: record.lastModified });
    try {
      this.storage.setItem(key, JSON.stringify(record));
    } catch {
      // Quota or privacy mode: the upload goes on, it just cannot be resumed after a reload.
    }
  }

  forget(file: FileIdentity): void {
    try {
      this.storage.removeItem(this.#prefix + fileFingerprint(file));
    } catch {
      // Nothing to do: an entry we cannot remove is ignored once its upload is gone.
    }
  }

  /** Every remembered upload, oldest first. */
  list(): ResumableUpload[] {
    const records: ResumableUpload[] = [];
    for (let index = 0; index < this.storage.length; index++) {
      const key = this.storage.key(index);
      // A fingerprint is a JSON array: `<prefix>[` is this owner's, never another's longer prefix.
      if (key === null || !key.startsWith(`${this.#prefix}[`)) continue;
      const parsed = ResumableUpload.safeParse(readStoredJson(this.storage, key));
      if (parsed.success) records.push(parsed.data);
    }
    return records.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }
}
