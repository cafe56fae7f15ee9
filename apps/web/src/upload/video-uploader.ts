import AwsS3, { type AwsS3Part, type AwsS3UploadParameters } from "@uppy/aws-s3";
import Uppy, { type UppyFile } from "@uppy/core";
import type { CreateUploadRequest, SinglePutUpload, StoredPartsResponse } from "@video-platform/shared-types";
import { ApiContractError, ApiError } from "../api/api-errors.js";
import type { UploadApi } from "../api/upload-api.js";
import { PartUrlBook } from "./part-url-book.js";
import { ResumableUploads, fileFingerprint } from "./resumable-uploads.js";
import { describeUploadFailure, isRetryable } from "./upload-failure.js";
import { PLATFORM_UPLOAD_LIMITS, bytesStored, partsToSend, planUpload, type UploadLimits, type UploadPlan } from "./upload-plan.js";
import { TransferRate } from "./transfer-rate.js";

export type UploadRowState = "pending" | "uploading" | "uploaded" | "failed" | "cancelled";

/** What the page shows of one picked file. */
export interface UploadRow {
  readonly id: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly method: UploadPlan["method"];
  readonly state: UploadRowState;
  readonly uploadId?: string;
  readonly bytesSent: number;
  readonly bytesPerSecond?: number;
  readonly secondsLeft?: number;
  /** Parts a resume found already stored, and the number of parts of the upload. */
  readonly storedParts?: number;
  readonly totalParts?: number;
  readonly error?: string;
  readonly canRetry: boolean;
}

export type UploadEvent = { readonly kind: "created" | "uploaded" | "cancelled"; readonly uploadId: string };

export interface VideoUploaderOptions {
  readonly api: UploadApi;
  readonly resumable: ResumableUploads;
  readonly limits?: UploadLimits;
  /** Requests in flight at once, parts of one file included. */
  readonly partsInFlight?: number;
  /** Waits between attempts of one part after a dropped connection or a 5xx. */
  readonly retryDelaysMs?: number[];
  readonly now?: () => number;
  /** Where `online` is announced; the uploader retries failed transfers when it fires. */
  readonly connectivity?: Pick<EventTarget, "addEventListener" | "removeEventListener">;
}

type RowMeta = { rowId: string };
type UploadBody = Record<string, never>;
type UploaderFile = UppyFile<RowMeta, UploadBody>;

interface Attempt {
  readonly rowId: string;
  readonly file: File;
  readonly plan: UploadPlan;
  readonly rate: TransferRate;
  uppyFileId?: string;
  uploadId?: string;
  singlePut?: SinglePutUpload;
  urls?: PartUrlBook;
  /** The stored parts found before a resume, handed to the library's first listParts call. */
  probed?: StoredPartsResponse;
  /** Takes the ended attempt's file out of the library, if that has not happened yet. */
  leaveLibrary?: () => void;
}

const PROGRESS_NOTIFY_MS = 150;
const URL_EXPIRY_MARGIN_MS = 60_000;

/**
 * Uploads picked files through MovieUploadApi with Uppy's S3 plugin: one presigned PUT below
 * SINGLE_PUT_MAX_BYTES, S3 multipart with several parts in flight above it. Multipart uploads are
 * remembered per file, so a retry or the same file picked after a reload sends only the missing
 * parts.
 */
export class VideoUploader {
  readonly #uppy: Uppy<RowMeta, UploadBody>;
  readonly #api: UploadApi;
  readonly #resumable: ResumableUploads;
  readonly #limits: UploadLimits;
  readonly #now: () => number;
  readonly #connectivity: VideoUploaderOptions["connectivity"];
  readonly #rows = new Map<string, UploadRow>();
  readonly #attempts = new Map<string, Attempt>();
  readonly #rowListeners = new Set<(rows: readonly UploadRow[]) => void>();
  readonly #eventListeners = new Set<(event: UploadEvent) => void>();
  #nextRow = 1;
  #notifyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: VideoUploaderOptions) {
    this.#api = options.api;
    this.#resumable = options.resumable;
    this.#limits = options.limits ?? PLATFORM_UPLOAD_LIMITS;
    this.#now = options.now ?? Date.now;
    this.#connectivity = options.connectivity;
    this.#uppy = new Uppy<RowMeta, UploadBody>({ autoProceed: false, allowMultipleUploadBatches: true });
    this.#uppy.use(AwsS3<RowMeta, UploadBody>, {
      limit: options.partsInFlight ?? 4,
      retryDelays: options.retryDelaysMs ?? [0, 1_000, 2_000, 4_000, 8_000, 16_000],
      shouldUseMultipart: (file) => this.#attemptOf(file).plan.method === "MULTIPART",
      getChunkSize: (data) => this.#limits.partSizeFor(data.size),
      getUploadParameters: (file) => this.#singlePutParameters(file),
      createMultipartUpload: (file) => this.#createMultipartUpload(file),
      listParts: (file, { key, signal }) => this.#listParts(file, key, signal),
      signPart: (file, { key, partNumber, signal }) => this.#signPart(file, key, partNumber, signal),
      completeMultipartUpload: (file, { key, parts, signal }) => this.#completeMultipartUpload(file, key, parts, signal),
      // The library also calls this when a part fails for good; aborting then would throw away the
      // stored parts a retry or a reload should reuse. Cancelling sends the DELETE itself.
      abortMultipartUpload: () => undefined,
    });
    this.#uppy.on("upload-progress", (file, progress) => {
      if (file !== undefined) this.#onProgress(file, progress.bytesUploaded);
    });
    this.#uppy.on("upload-success", (file) => {
      if (file !== undefined) this.#onSuccess(file);
    });
    this.#uppy.on("upload-error", (file, error) => {
      if (file !== undefined) this.#onFailure(file, error);
    });
    this.#connectivity?.addEventListener("online", this.#retryAfterReconnect);
  }

  get rows(): readonly UploadRow[] {
    return [...this.#rows.values()];
  }

  subscribe(listener: (rows: readonly UploadRow[]) => void): () => void {
    this.#rowListeners.add(listener);
    return () => this.#rowListeners.delete(listener);
  }

  onUploadEvent(listener: (event: UploadEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Unfinished multipart uploads from earlier visits: picking the same file resumes one. */
  unfinished() {
    const active = new Set([...this.#attempts.values()].map((attempt) => fileFingerprint(attempt.file)));
    return this.#resumable
      .list()
      .filter((record) => !active.has(fileFingerprint({ name: record.fileName, size: record.sizeBytes, lastModified: record.lastModified })));
  }

  /** Gives up an unfinished upload from an earlier visit: the bucket drops its stored parts. */
  async discardUnfinished(record: { uploadId: string; fileName: string; sizeBytes: number; lastModified: number }): Promise<void> {
    this.#resumable.forget({ name: record.fileName, size: record.sizeBytes, lastModified: record.lastModified });
    await this.#abortQuietly(record.uploadId);
    this.#notifyNow();
  }

  add(files: Iterable<File>): void {
    for (const file of files) {
      const fingerprint = fileFingerprint(file);
      const busy = [...this.#attempts.values()].some(
        (attempt) => fileFingerprint(attempt.file) === fingerprint && isActive(this.#rows.get(attempt.rowId)?.state),
      );
      if (busy) continue;
      const rowId = `upload-${this.#nextRow++}`;
      const plan = planUpload(file.size, this.#limits);
      this.#attempts.set(rowId, { rowId, file, plan, rate: new TransferRate() });
      this.#rows.set(rowId, {
        id: rowId,
        fileName: file.name,
        sizeBytes: file.size,
        method: plan.method,
        state: "pending",
        bytesSent: 0,
        canRetry: false,
        ...(plan.method === "MULTIPART" ? { totalParts: plan.parts.length } : {}),
      });
      void this.#begin(rowId);
    }
    this.#notifyNow();
  }

  retry(rowId: string): void {
    const row = this.#rows.get(rowId);
    if (row?.state !== "failed" || !row.canRetry) return;
    void this.#begin(rowId);
  }

  async cancel(rowId: string): Promise<void> {
    const attempt = this.#attempts.get(rowId);
    const row = this.#rows.get(rowId);
    if (attempt === undefined || row === undefined || !(isActive(row.state) || row.state === "failed")) return;
    this.#update(rowId, { state: "cancelled", bytesPerSecond: undefined, secondsLeft: undefined, canRetry: false });
    this.#dropFromLibrary(attempt);
    this.#resumable.forget(attempt.file);
    if (attempt.uploadId === undefined) return;
    try {
      await this.#api.abortUpload(attempt.uploadId);
      this.#emit({ kind: "cancelled", uploadId: attempt.uploadId });
    } catch (error) {
      this.#update(rowId, { error: `Could not cancel on the server: ${describeUploadFailure(error)}` });
    }
  }

  destroy(): void {
    clearTimeout(this.#notifyTimer);
    this.#connectivity?.removeEventListener("online", this.#retryAfterReconnect);
    this.#uppy.destroy();
    this.#rowListeners.clear();
    this.#eventListeners.clear();
  }

  async #begin(rowId: string): Promise<void> {
    const attempt = this.#attempts.get(rowId);
    if (attempt === undefined) return;
    this.#update(rowId, { state: "pending", error: undefined, canRetry: false });
    attempt.rate.reset();

    let resumeFrom: { multipartUploadId: string; uploadId: string } | undefined;
    try {
      resumeFrom = await this.#findResumable(attempt);
    } catch (error) {
      this.#fail(attempt, error);
      return;
    }
    if (this.#rows.get(rowId)?.state === "cancelled") {
      // Cancelled while we looked for stored parts: the upload found meanwhile goes too.
      if (resumeFrom !== undefined) await this.#abortQuietly(resumeFrom.uploadId);
      return;
    }

    // A retry (or the same file picked again) can come before the last attempt left the library:
    // it must leave now, not later, when the file back in the library (same id) would go instead.
    const fingerprint = fileFingerprint(attempt.file);
    for (const other of this.#attempts.values()) if (fileFingerprint(other.file) === fingerprint) other.leaveLibrary?.();
    try {
      attempt.uppyFileId = this.#uppy.addFile({
        name: attempt.file.name,
        type: attempt.file.type,
        data: attempt.file,
        source: "Local",
        isRemote: false,
        meta: { rowId },
      });
    } catch (error) {
      this.#fail(attempt, error);
      return;
    }
    if (resumeFrom !== undefined) {
      // The plugin resumes a file whose state names its multipart upload: it lists the stored
      // parts and sends only the others.
      this.#uppy.setFileState(attempt.uppyFileId, {
        s3Multipart: { uploadId: resumeFrom.multipartUploadId, key: resumeFrom.uploadId },
      } as Partial<UploaderFile>);
      this.#update(rowId, { state: "uploading", uploadId: resumeFrom.uploadId });
    }
    this.#uppy.upload().catch((error: unknown) => this.#fail(attempt, error));
  }

  /** A multipart upload of this file that the bucket still holds, with its stored parts. */
  async #findResumable(attempt: Attempt) {
    if (attempt.plan.method !== "MULTIPART") return undefined;
    const record = this.#resumable.find(attempt.file);
    if (record === undefined) return undefined;
    let stored: StoredPartsResponse;
    try {
      stored = await this.#api.listStoredParts(record.uploadId);
    } catch (error) {
      if (error instanceof ApiError && !error.isTransient) {
        // Completed, aborted or expired meanwhile: this file starts a new upload.
        this.#resumable.forget(attempt.file);
        return undefined;
      }
      throw error;
    }
    if (stored.partSizeBytes !== attempt.plan.partSizeBytes) {
      this.#resumable.forget(attempt.file);
      await this.#abortQuietly(record.uploadId);
      return undefined;
    }
    attempt.uploadId = record.uploadId;
    attempt.probed = stored;
    attempt.urls ??= this.#partUrlBook(record.uploadId, attempt.plan.parts.length);
    return { multipartUploadId: record.multipartUploadId, uploadId: record.uploadId };
  }

  async #singlePutParameters(file: UploaderFile): Promise<AwsS3UploadParameters> {
    const attempt = this.#attemptOf(file);
    let put = attempt.singlePut;
    if (put === undefined || Date.parse(put.expiresAt) - URL_EXPIRY_MARGIN_MS <= this.#now()) {
      if (put !== undefined) void this.#abortQuietly(put.uploadId);
      const created = await this.#api.createUpload(this.#createRequest(attempt, file));
      if (created.method !== "PUT") {
        void this.#abortQuietly(created.uploadId);
        throw new ApiContractError(`Expected a single PUT for ${attempt.file.size} bytes, got ${created.method}`);
      }
      put = created;
      attempt.singlePut = created;
      this.#created(attempt, created.uploadId);
    }
    return { method: "PUT", url: put.url, headers: put.headers };
  }

  async #createMultipartUpload(file: UploaderFile): Promise<{ uploadId: string; key: string }> {
    const attempt = this.#attemptOf(file);
    if (attempt.plan.method !== "MULTIPART") throw new Error("Not a multipart upload");
    const created = await this.#api.createUpload(this.#createRequest(attempt, file));
    if (created.method !== "MULTIPART" || created.partSizeBytes !== attempt.plan.partSizeBytes) {
      void this.#abortQuietly(created.uploadId);
      throw new ApiContractError(
        created.method === "MULTIPART"
          ? `The API cut the file in parts of ${created.partSizeBytes} bytes, this app in ${attempt.plan.partSizeBytes}`
          : `Expected a multipart upload for ${attempt.file.size} bytes, got a single PUT`,
      );
    }
    attempt.urls = this.#partUrlBook(created.uploadId, attempt.plan.parts.length);
    attempt.urls.seed(created);
    this.#resumable.remember({
      uploadId: created.uploadId,
      multipartUploadId: created.multipartUploadId,
      partSizeBytes: created.partSizeBytes,
      fileName: attempt.file.name,
      sizeBytes: attempt.file.size,
      lastModified: attempt.file.lastModified,
      startedAt: new Date(this.#now()).toISOString(),
    });
    this.#created(attempt, created.uploadId);
    return { uploadId: created.multipartUploadId, key: created.uploadId };
  }

  async #listParts(file: UploaderFile, uploadId: string, signal?: AbortSignal): Promise<AwsS3Part[]> {
    const attempt = this.#attemptOf(file);
    const plan = attempt.plan;
    if (plan.method !== "MULTIPART") throw new Error("Not a multipart upload");
    const stored = attempt.probed ?? (await this.#api.listStoredParts(uploadId, signal));
    attempt.probed = undefined;
    // Only whole parts of this cut count as stored; the library sends every part not listed.
    const missing = new Set(partsToSend(plan.parts, stored.parts));
    const whole = stored.parts.filter((part) => !missing.has(part.partNumber) && part.partNumber <= plan.parts.length);
    attempt.urls?.markStored(whole.map((part) => part.partNumber));
    this.#update(attempt.rowId, { storedParts: whole.length, bytesSent: bytesStored(plan.parts, stored.parts) });
    return whole.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag, Size: part.sizeBytes }));
  }

  async #signPart(file: UploaderFile, uploadId: string, partNumber: number, signal?: AbortSignal): Promise<AwsS3UploadParameters> {
    const attempt = this.#attemptOf(file);
    attempt.urls ??= this.#partUrlBook(uploadId, attempt.plan.method === "MULTIPART" ? attempt.plan.parts.length : 1);
    const url = await attempt.urls.urlFor(partNumber, signal);
    // The URL signs only the host; a binary type keeps the body from being read as a form.
    return { method: "PUT", url, headers: { "content-type": "application/octet-stream" } };
  }

  async #completeMultipartUpload(file: UploaderFile, uploadId: string, parts: AwsS3Part[], signal?: AbortSignal) {
    const attempt = this.#attemptOf(file);
    const listed = parts
      .flatMap((part) => (part.PartNumber !== undefined && part.ETag !== undefined ? [{ partNumber: part.PartNumber, etag: part.ETag }] : []))
      .sort((a, b) => a.partNumber - b.partNumber);
    await this.#api.completeUpload(uploadId, { parts: listed }, signal);
    this.#resumable.forget(attempt.file);
    return {};
  }

  #createRequest(attempt: Attempt, file: UploaderFile): CreateUploadRequest {
    return {
      fileName: attempt.file.name,
      // The browser's type, else the library's guess from the extension (some systems give .mkv
      // or .mov no type). The API judges it: an unknown type is sent as such and refused.
      contentType: attempt.file.type || file.type || "application/octet-stream",
      sizeBytes: attempt.file.size,
    };
  }

  #partUrlBook(uploadId: string, partCount: number): PartUrlBook {
    return new PartUrlBook({
      partCount,
      now: this.#now,
      expiryMarginMs: URL_EXPIRY_MARGIN_MS,
      sign: (partNumbers, signal) => this.#api.signParts(uploadId, { partNumbers }, signal),
    });
  }

  #created(attempt: Attempt, uploadId: string): void {
    attempt.uploadId = uploadId;
    if (this.#rows.get(attempt.rowId)?.state === "cancelled") {
      // Cancelled while the API was creating it: nothing may be left behind.
      void this.#abortQuietly(uploadId);
      this.#resumable.forget(attempt.file);
      throw new DOMException("The upload was cancelled", "AbortError");
    }
    this.#update(attempt.rowId, { state: "uploading", uploadId });
    this.#emit({ kind: "created", uploadId });
  }

  #onProgress(file: UploaderFile, bytesUploaded: number | false): void {
    const attempt = this.#attempts.get(file.meta.rowId);
    if (attempt === undefined || bytesUploaded === false || this.#rows.get(attempt.rowId)?.state !== "uploading") return;
    attempt.rate.sample(this.#now(), bytesUploaded);
    this.#update(
      attempt.rowId,
      {
        bytesSent: bytesUploaded,
        bytesPerSecond: attempt.rate.bytesPerSecond(),
        secondsLeft: attempt.rate.secondsLeft(attempt.file.size),
      },
      { throttle: true },
    );
  }

  #onSuccess(file: UploaderFile): void {
    const attempt = this.#attempts.get(file.meta.rowId);
    if (attempt === undefined) return;
    this.#update(attempt.rowId, {
      state: "uploaded",
      bytesSent: attempt.file.size,
      bytesPerSecond: undefined,
      secondsLeft: undefined,
      error: undefined,
    });
    this.#dropFromLibrary(attempt);
    if (attempt.uploadId !== undefined) this.#emit({ kind: "uploaded", uploadId: attempt.uploadId });
  }

  #onFailure(file: UploaderFile, error: unknown): void {
    const attempt = this.#attempts.get(file.meta.rowId);
    if (attempt !== undefined) this.#fail(attempt, error);
  }

  #fail(attempt: Attempt, error: unknown): void {
    const state = this.#rows.get(attempt.rowId)?.state;
    if (state === "cancelled" || state === "uploaded") return;
    this.#update(attempt.rowId, {
      state: "failed",
      error: describeUploadFailure(error),
      canRetry: isRetryable(error),
      bytesPerSecond: undefined,
      secondsLeft: undefined,
    });
    this.#dropFromLibrary(attempt);
  }

  /**
   * Every attempt leaves the library when it ends: a failed file left there would be retried by
   * the library's next `upload()` without our resume state, and a finished one could not be
   * picked again.
   */
  #dropFromLibrary(attempt: Attempt): void {
    const fileId = attempt.uppyFileId;
    attempt.uppyFileId = undefined;
    if (fileId === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const leave = () => {
      clearTimeout(timer);
      if (attempt.leaveLibrary !== leave) return;
      attempt.leaveLibrary = undefined;
      if (this.#uppy.getFile(fileId) !== undefined) this.#uppy.removeFile(fileId);
    };
    attempt.leaveLibrary = leave;
    // A cancel must stop the transfer now; after success or failure, let the library finish its
    // own bookkeeping of the event first.
    if (this.#rows.get(attempt.rowId)?.state === "cancelled") leave();
    else timer = setTimeout(leave, 0);
  }

  #retryAfterReconnect = (): void => {
    for (const row of this.#rows.values()) if (row.state === "failed" && row.canRetry) this.retry(row.id);
  };

  async #abortQuietly(uploadId: string): Promise<void> {
    try {
      await this.#api.abortUpload(uploadId);
    } catch {
      // Best effort: an upload nobody completes is dropped by the bucket's lifecycle rule.
    }
  }

  #attemptOf(file: UploaderFile): Attempt {
    const attempt = this.#attempts.get(file.meta.rowId);
    if (attempt === undefined) throw new Error(`No upload for ${file.name ?? "file"}`);
    return attempt;
  }

  #update(rowId: string, changes: Partial<UploadRow>, options: { throttle?: boolean } = {}): void {
    const row = this.#rows.get(rowId);
    if (row === undefined) return;
    this.#rows.set(rowId, { ...row, ...changes });
    if (options.throttle === true) this.#notifySoon();
    else this.#notifyNow();
  }

  #emit(event: UploadEvent): void {
    for (const listener of this.#eventListeners) listener(event);
  }

  #notifySoon(): void {
    this.#notifyTimer ??= setTimeout(() => this.#notifyNow(), PROGRESS_NOTIFY_MS);
  }

  #notifyNow(): void {
    clearTimeout(this.#notifyTimer);
    this.#notifyTimer = undefined;
    const rows = this.rows;
    for (const listener of this.#rowListeners) listener(rows);
  }
}

function isActive(state: UploadRowState | undefined): boolean {
  return state === "pending" || state === "uploading";
}
