import AwsS3, { type AwsS3Part, type AwsS3UploadParameters } from "@uppy/aws-s3";
import Uppy, { type UppyFile } from "@uppy/core";
import { partCountFor } from "@video-platform/shared-types";
import type { UploadApi } from "../api/upload-api.js";
import { PartUrlBook } from "./part-url-book.js";
import { wholeStoredParts } from "./stored-parts.js";
import { failureOf } from "./upload-failure.js";
import {
  URL_EXPIRY_MARGIN_MS,
  type CompletedPart,
  type MultipartRef,
  type ServerUpload,
  type StoredPart,
  type UploadEffect,
  type UploadMachineEvent,
} from "./upload-machine.js";

type StartTransfer = Extract<UploadEffect, { type: "startTransfer" }>;
type TransferMeta = { rowId: string; transfer: number };
type UploadBody = Record<string, never>;
type TransferFile = UppyFile<TransferMeta, UploadBody>;

export interface UppyTransfersOptions {
  readonly api: Pick<UploadApi, "signParts" | "listStoredParts">;
  /** Requests in flight at once, parts of every file together. */
  readonly partsInFlight: number;
  /** Waits between attempts of one part after a dropped connection or a 5xx. */
  readonly retryDelaysMs: number[];
  readonly now: () => number;
  /** Where a transfer's progress, end or failure goes: the row's state machine. */
  readonly report: (rowId: string, event: UploadMachineEvent) => void;
}

interface Transfer {
  readonly id: number;
  readonly rowId: string;
  readonly file: File;
  readonly upload: ServerUpload;
  readonly fileId: string;
  /** Part URLs of a multipart transfer: the ones that came with the upload, then fresh batches. */
  readonly urls: PartUrlBook | undefined;
  /** The parts the resume found stored, handed to the library's first listParts call. */
  stored: readonly StoredPart[] | undefined;
}

/**
 * Sends the bytes of uploads the server has already created, with Uppy's S3 plugin: the single
 * PUT it answered, or the parts of its cut, several at once, skipping the parts the bucket holds.
 * Every transfer hands the plugin an existing multipart upload, so the plugin never creates,
 * completes or aborts one: the state machine does, through the upload API.
 */
export class UppyTransfers {
  readonly #uppy: Uppy<TransferMeta, UploadBody>;
  readonly #options: UppyTransfersOptions;
  readonly #running = new Map<string, Transfer>();
  readonly #leaving = new Map<string, ReturnType<typeof setTimeout>>();
  #nextTransfer = 1;

  constructor(options: UppyTransfersOptions) {
    this.#options = options;
    this.#uppy = new Uppy<TransferMeta, UploadBody>({ autoProceed: false, allowMultipleUploadBatches: true });
    this.#uppy.use(AwsS3<TransferMeta, UploadBody>, {
      limit: options.partsInFlight,
      retryDelays: options.retryDelaysMs,
      shouldUseMultipart: (file) => this.#transferOf(file).upload.method === "MULTIPART",
      getChunkSize: (data) => this.#partSizeOf(data),
      getUploadParameters: (file) => this.#singlePut(this.#transferOf(file)),
      createMultipartUpload: () => {
        throw new Error("Multipart uploads are created through the upload API before their transfer starts");
      },
      listParts: (file, { signal }) => this.#listParts(this.#transferOf(file), signal),
      signPart: (file, { partNumber, signal }) => this.#signPart(this.#transferOf(file), partNumber, signal),
      completeMultipartUpload: (file, { parts }) => this.#partsSent(this.#transferOf(file), parts),
      // The library also calls this when a part fails for good; aborting then would throw away the
      // stored parts a resume should reuse. Cancelling is the state machine's call.
      abortMultipartUpload: () => undefined,
    });
    this.#uppy.on("upload-progress", (file, progress) => {
      const transfer = this.#current(file);
      if (transfer !== undefined) {
        this.#options.report(transfer.rowId, { type: "PROGRESS", bytesSent: progress.bytesUploaded });
      }
    });
    this.#uppy.on("upload-success", (file) => {
      const transfer = this.#ended(file);
      if (transfer?.upload.method === "PUT") this.#options.report(transfer.rowId, { type: "PUT_SENT" });
    });
    this.#uppy.on("upload-error", (file, error) => {
      const transfer = this.#ended(file);
      if (transfer !== undefined) this.#options.report(transfer.rowId, { type: "TRANSFER_FAILED", failure: failureOf(error) });
    });
  }

  start(rowId: string, file: File, { upload, stored, signed }: StartTransfer): void {
    this.stop(rowId);
    // A file that just finished leaves the library now: the same file may be added again.
    for (const [fileId, timer] of this.#leaving) this.#leave(fileId, timer);
    const id = this.#nextTransfer++;
    let fileId: string;
    try {
      fileId = this.#uppy.addFile({ name: file.name, type: file.type, data: file, source: "Local", isRemote: false, meta: { rowId, transfer: id } });
    } catch (error) {
      this.#options.report(rowId, { type: "TRANSFER_FAILED", failure: failureOf(error) });
      return;
    }
    let urls: PartUrlBook | undefined;
    if (upload.method === "MULTIPART") {
      urls = this.#urlBookFor(upload, file.size);
      if (signed !== undefined) urls.seed(signed);
      urls.markStored(stored.map((part) => part.partNumber));
      // The plugin resumes a file whose state names its multipart upload: it lists the stored
      // parts (here: the ones given) and sends only the others.
      this.#uppy.setFileState(fileId, {
        s3Multipart: { uploadId: upload.multipartUploadId, key: upload.uploadId },
      } as Partial<TransferFile>);
    }
    this.#running.set(rowId, { id, rowId, file, upload, fileId, stored, urls });
    this.#uppy.upload().catch((error: unknown) => {
      if (this.#running.get(rowId)?.id === id) this.#options.report(rowId, { type: "TRANSFER_FAILED", failure: failureOf(error) });
    });
  }

  /** Stops a running transfer now: its requests are aborted and nothing more is reported. */
  stop(rowId: string): void {
    const transfer = this.#running.get(rowId);
    if (transfer === undefined) return;
    this.#running.delete(rowId);
    if (this.#uppy.getFile(transfer.fileId) !== undefined) this.#uppy.removeFile(transfer.fileId);
  }

  destroy(): void {
    for (const timer of this.#leaving.values()) clearTimeout(timer);
    this.#running.clear();
    this.#uppy.destroy();
  }

  /** The running transfer an event is about; an event of a stopped transfer has none. */
  #current(file: TransferFile | undefined): Transfer | undefined {
    if (file === undefined) return undefined;
    const transfer = this.#running.get(file.meta.rowId);
    return transfer?.id === file.meta.transfer ? transfer : undefined;
  }

  #transferOf(file: TransferFile): Transfer {
    const transfer = this.#current(file);
    if (transfer === undefined) throw new DOMException(`The transfer of ${file.name ?? "the file"} was stopped`, "AbortError");
    return transfer;
  }

  /**
   * A transfer that succeeded or failed leaves the library, so a failed file is not retried by the
   * next `upload()` behind the state machine's back; after the library's own bookkeeping of the event.
   */
  #ended(file: TransferFile | undefined): Transfer | undefined {
    const transfer = this.#current(file);
    if (transfer === undefined) return undefined;
    this.#running.delete(transfer.rowId);
    const fileId = transfer.fileId;
    const timer = setTimeout(() => this.#leave(fileId, timer), 0);
    this.#leaving.set(fileId, timer);
    return transfer;
  }

  #leave(fileId: string, timer: ReturnType<typeof setTimeout>): void {
    clearTimeout(timer);
    this.#leaving.delete(fileId);
    if (this.#uppy.getFile(fileId) !== undefined) this.#uppy.removeFile(fileId);
  }

  /** The plugin cuts the file as the server did. */
  #partSizeOf(data: { size: number }): number {
    const transfer = [...this.#running.values()].find((candidate) => candidate.file === data);
    if (transfer?.upload.method !== "MULTIPART") throw new Error("No multipart transfer for this file");
    return transfer.upload.partSizeBytes;
  }

  #singlePut(transfer: Transfer): AwsS3UploadParameters {
    if (transfer.upload.method !== "PUT") throw new Error("Not a single PUT");
    return { method: "PUT", url: transfer.upload.url, headers: transfer.upload.headers };
  }

  async #listParts(transfer: Transfer, signal?: AbortSignal): Promise<AwsS3Part[]> {
    if (transfer.upload.method !== "MULTIPART") throw new Error("Not a multipart upload");
    const { uploadId, partSizeBytes } = transfer.upload;
    // Given by the resume the first time; asked again only if the library lists twice.
    let stored = transfer.stored;
    transfer.stored = undefined;
    if (stored === undefined) {
      const listed = await this.#options.api.listStoredParts(uploadId, signal);
      stored = wholeStoredParts(listed.parts, transfer.file.size, partSizeBytes);
    }
    transfer.urls?.markStored(stored.map((part) => part.partNumber));
    return stored.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag, Size: part.sizeBytes }));
  }

  async #signPart(transfer: Transfer, partNumber: number, signal?: AbortSignal): Promise<AwsS3UploadParameters> {
    if (transfer.urls === undefined) throw new Error("Not a multipart upload");
    const url = await transfer.urls.urlFor(partNumber, signal);
    // The URL signs only the host; a binary type keeps the body from being read as a form.
    return { method: "PUT", url, headers: { "content-type": "application/octet-stream" } };
  }

  /** Every part is in the bucket: completing the upload is the state machine's next step. */
  #partsSent(transfer: Transfer, parts: AwsS3Part[]): Record<string, never> {
    const sent: CompletedPart[] = parts
      .flatMap((part) => (part.PartNumber !== undefined && part.ETag !== undefined ? [{ partNumber: part.PartNumber, etag: part.ETag }] : []))
      .sort((a, b) => a.partNumber - b.partNumber);
    this.#options.report(transfer.rowId, { type: "PARTS_SENT", parts: sent });
    return {};
  }

  #urlBookFor(upload: MultipartRef, sizeBytes: number): PartUrlBook {
    return new PartUrlBook({
      partCount: partCountFor(sizeBytes, upload.partSizeBytes),
      now: this.#options.now,
      expiryMarginMs: URL_EXPIRY_MARGIN_MS,
      sign: (partNumbers, signal) => this.#options.api.signParts(upload.uploadId, { partNumbers }, signal),
    });
  }
}
