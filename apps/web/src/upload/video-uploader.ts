import { videoContentTypeFor, type CreateUploadRequest } from "@video-platform/shared-types";
import { ApiError } from "../api/api-errors.js";
import type { UploadApi } from "../api/upload-api.js";
import { Listeners } from "../store/listeners.js";
import { ResumableUploads, fileFingerprint } from "./resumable-uploads.js";
import { wholeStoredParts } from "./stored-parts.js";
import { TransferRate } from "./transfer-rate.js";
import { describeUploadFailure, failureOf } from "./upload-failure.js";
import { START, hasEnded, transition, type Step, type UploadEffect, type UploadMachineEvent, type UploadState } from "./upload-machine.js";
import { uploadRowOf, type UploadRow } from "./upload-row.js";
import { UppyTransfers } from "./uppy-transfers.js";

export type { UploadRow } from "./upload-row.js";

export type UploadEvent = { readonly kind: "created" | "uploaded" | "cancelled"; readonly uploadId: string };

export interface VideoUploaderOptions {
  readonly api: UploadApi;
  readonly resumable: ResumableUploads;
  /** Requests in flight at once, parts of one file included. */
  readonly partsInFlight?: number;
  /** Waits between attempts of one part after a dropped connection or a 5xx. */
  readonly retryDelaysMs?: number[];
  readonly now?: () => number;
  /** Where `online` is announced; uploads paused by a failure go on when it fires. */
  readonly connectivity?: Pick<EventTarget, "addEventListener" | "removeEventListener">;
}

interface Entry {
  readonly id: string;
  readonly file: File;
  state: UploadState;
  readonly rate: TransferRate;
}

const PROGRESS_NOTIFY_MS = 150;

/**
 * Uploads picked files through MovieUploadApi. Each file has its own state machine
 * (`upload-machine.ts`); this class feeds it events (the person's clicks, API answers, transfer
 * news) and runs the effects it returns. Multipart uploads are remembered per file, so the same
 * file picked after a reload sends only the missing parts.
 */
export class VideoUploader {
  readonly #api: UploadApi;
  readonly #resumable: ResumableUploads;
  readonly #now: () => number;
  readonly #connectivity: VideoUploaderOptions["connectivity"];
  readonly #transfers: UppyTransfers;
  readonly #entries = new Map<string, Entry>();
  readonly #rowListeners = new Listeners<readonly UploadRow[]>();
  readonly #eventListeners = new Listeners<UploadEvent>();
  #rows: readonly UploadRow[] | undefined;
  #nextRow = 1;
  #notifyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: VideoUploaderOptions) {
    this.#api = options.api;
    this.#resumable = options.resumable;
    this.#now = options.now ?? Date.now;
    this.#connectivity = options.connectivity;
    this.#transfers = new UppyTransfers({
      api: options.api,
      partsInFlight: options.partsInFlight ?? 4,
      retryDelaysMs: options.retryDelaysMs ?? [0, 1_000, 2_000, 4_000, 8_000, 16_000],
      now: this.#now,
      report: (rowId, event) => void this.#dispatch(rowId, event),
    });
    this.#connectivity?.addEventListener("online", this.#connectionBack);
  }

  get rows(): readonly UploadRow[] {
    this.#rows ??= [...this.#entries.values()].map((entry) => {
      const speed = { bytesPerSecond: entry.rate.bytesPerSecond(), secondsLeft: entry.rate.secondsLeft(entry.file.size) };
      return uploadRowOf(entry.id, entry.file, entry.state, speed);
    });
    return this.#rows;
  }

  subscribe(listener: (rows: readonly UploadRow[]) => void): () => void {
    return this.#rowListeners.add(listener);
  }

  onUploadEvent(listener: (event: UploadEvent) => void): () => void {
    return this.#eventListeners.add(listener);
  }

  /** Unfinished multipart uploads from earlier visits: picking the same file resumes one. */
  unfinished() {
    const active = new Set([...this.#entries.values()].filter((entry) => !hasEnded(entry.state.name)).map((entry) => fileFingerprint(entry.file)));
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

  /** Starts each file, unless it is already on its way; a paused one goes on. */
  add(files: Iterable<File>): void {
    for (const file of files) {
      const fingerprint = fileFingerprint(file);
      const same = [...this.#entries.values()].find((entry) => fileFingerprint(entry.file) === fingerprint && !hasEnded(entry.state.name));
      if (same !== undefined) {
        this.resume(same.id);
        continue;
      }
      const entry: Entry = { id: `upload-${this.#nextRow++}`, file, state: START.state, rate: new TransferRate() };
      this.#entries.set(entry.id, entry);
      void this.#apply(entry, START);
    }
  }

  pause(rowId: string): void {
    void this.#dispatch(rowId, { type: "PAUSE" });
  }

  resume(rowId: string): void {
    void this.#dispatch(rowId, { type: "RESUME", at: this.#now() });
  }

  /** Resolves once the server has been asked to drop what it holds of the upload. */
  cancel(rowId: string): Promise<void> {
    return this.#dispatch(rowId, { type: "CANCEL" });
  }

  /** Stops sending an upload that is being deleted; resolves once the server was told. */
  cancelUpload(uploadId: string): Promise<void> {
    const entry = [...this.#entries.values()].find((candidate) => "upload" in candidate.state && candidate.state.upload?.uploadId === uploadId);
    return entry === undefined ? Promise.resolve() : this.cancel(entry.id);
  }

  /** The person signed in again: uploads the ended session paused go on. */
  signedInAgain(): void {
    for (const entry of this.#entries.values()) void this.#dispatch(entry.id, { type: "SIGNED_IN_AGAIN", at: this.#now() });
  }

  destroy(): void {
    clearTimeout(this.#notifyTimer);
    this.#connectivity?.removeEventListener("online", this.#connectionBack);
    this.#transfers.destroy();
    this.#rowListeners.clear();
    this.#eventListeners.clear();
  }

  #dispatch(rowId: string, event: UploadMachineEvent): Promise<void> {
    const entry = this.#entries.get(rowId);
    if (entry === undefined) return Promise.resolve();
    return this.#apply(entry, transition(entry.state, event));
  }

  /** Takes the step's state, shows it, then runs its effects; resolves when they have settled. */
  async #apply(entry: Entry, step: Step): Promise<void> {
    if (step.state === entry.state && step.effects.length === 0) return;
    const progressOnly = entry.state.name === "sending" && step.state.name === "sending";
    entry.state = step.state;
    this.#rows = undefined;
    if (progressOnly) {
      entry.rate.sample(this.#now(), step.state.bytesSent);
      this.#notifySoon();
    } else {
      this.#notifyNow();
    }
    await Promise.allSettled(step.effects.map((effect) => this.#run(entry, effect)));
  }

  async #run(entry: Entry, effect: UploadEffect): Promise<void> {
    const dispatch = (event: UploadMachineEvent) => this.#dispatch(entry.id, event);
    switch (effect.type) {
      case "findUnfinished": {
        const record = this.#resumable.find(entry.file);
        if (record === undefined) return dispatch({ type: "NOTHING_TO_RESUME" });
        const { uploadId, multipartUploadId, partSizeBytes } = record;
        return dispatch({ type: "UNFINISHED_FOUND", upload: { method: "MULTIPART", uploadId, multipartUploadId, partSizeBytes } });
      }
      case "createUpload":
        return this.#api.createUpload(createRequestOf(entry.file)).then(
          (answer) => dispatch({ type: "CREATED", answer }),
          (error: unknown) => dispatch({ type: "CREATE_FAILED", failure: failureOf(error) }),
        );
      case "listStoredParts":
        return this.#api.listStoredParts(effect.upload.uploadId).then(
          (listed) =>
            dispatch({
              type: "STORED_PARTS_LISTED",
              partSizeBytes: listed.partSizeBytes,
              stored: wholeStoredParts(listed.parts, entry.file.size, listed.partSizeBytes),
            }),
          (error: unknown) =>
            // Refused (completed, aborted or expired meanwhile): this file starts a new upload.
            dispatch(isGone(error) ? { type: "UNFINISHED_GONE" } : { type: "LISTING_FAILED", failure: failureOf(error) }),
        );
      case "rememberUnfinished":
        return this.#resumable.remember({
          uploadId: effect.upload.uploadId,
          multipartUploadId: effect.upload.multipartUploadId,
          partSizeBytes: effect.upload.partSizeBytes,
          fileName: entry.file.name,
          sizeBytes: entry.file.size,
          lastModified: entry.file.lastModified,
          startedAt: new Date(this.#now()).toISOString(),
        });
      case "forgetUnfinished":
        return this.#resumable.forget(entry.file);
      case "startTransfer":
        entry.rate.reset();
        return this.#transfers.start(entry.id, entry.file, effect);
      case "stopTransfer":
        return this.#transfers.stop(entry.id);
      case "completeUpload":
        return this.#api.completeUpload(effect.upload.uploadId, { parts: [...effect.parts] }).then(
          () => dispatch({ type: "COMPLETED" }),
          (error: unknown) => dispatch({ type: "COMPLETE_FAILED", failure: failureOf(error) }),
        );
      case "abortUpload":
        if (!effect.announce) return this.#abortQuietly(effect.uploadId);
        return this.#api.abortUpload(effect.uploadId).then(
          () => this.#announce({ kind: "cancelled", uploadId: effect.uploadId }),
          (error: unknown) => dispatch({ type: "ABORT_FAILED", reason: describeUploadFailure(error) }),
        );
      case "announce":
        return this.#announce({ kind: effect.kind, uploadId: effect.uploadId });
    }
  }

  #connectionBack = (): void => {
    for (const entry of this.#entries.values()) void this.#dispatch(entry.id, { type: "CONNECTION_BACK", at: this.#now() });
  };

  async #abortQuietly(uploadId: string): Promise<void> {
    try {
      await this.#api.abortUpload(uploadId);
    } catch {
      // Best effort: an upload nobody completes is dropped by the bucket's lifecycle rule.
    }
  }

  #announce(event: UploadEvent): void {
    this.#eventListeners.emit(event);
  }

  #notifySoon(): void {
    this.#notifyTimer ??= setTimeout(() => this.#notifyNow(), PROGRESS_NOTIFY_MS);
  }

  #notifyNow(): void {
    clearTimeout(this.#notifyTimer);
    this.#notifyTimer = undefined;
    this.#rowListeners.emit(this.rows);
  }
}

/** The API refused the upload itself, not the session or for now. */
function isGone(error: unknown): boolean {
  return error instanceof ApiError && !error.isTransient && !error.needsSignIn;
}

function createRequestOf(file: File): CreateUploadRequest {
  return {
    fileName: file.name,
    // The browser's type, else one read from the extension (some systems give .mkv or .mov no
    // type). The API judges it: an unknown type is sent as such and refused.
    contentType: file.type || videoContentTypeFor(file.name) || "application/octet-stream",
    sizeBytes: file.size,
  };
}
