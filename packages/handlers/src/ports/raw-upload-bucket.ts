import type { PresignedPart } from "@video-platform/shared-types";

export interface StoredPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly sizeBytes: number;
}

/** A URL the browser sends the file to, with the headers the URL's signature binds. */
export interface PresignedPut {
  readonly url: string;
  readonly headers: Record<string, string>;
}

/**
 * The raw bucket as the upload API needs it: presigned URLs and multipart bookkeeping. Failures
 * that mean something to the caller arrive as the errors of `core/storage-errors.ts`.
 */
export interface RawUploadBucket {
  /** A PUT URL whose signature covers the content type and the exact length declared. */
  presignPut(key: string, contentType: string, sizeBytes: number): Promise<PresignedPut>;
  /** Opens a multipart upload; returns its id. */
  startMultipart(key: string, contentType: string): Promise<string>;
  /** One URL per part; each binds that part's length. */
  presignParts(
    key: string,
    multipartUploadId: string,
    parts: readonly { partNumber: number; sizeBytes: number }[],
  ): Promise<PresignedPart[]>;
  /** Every part stored so far, by part number; `MultipartUploadGoneError` once it is closed. */
  listParts(key: string, multipartUploadId: string): Promise<StoredPart[]>;
  /** Joins the parts into the object; `PartListRefusedError` or `MultipartUploadGoneError` when it cannot. */
  completeMultipart(key: string, multipartUploadId: string, parts: readonly { partNumber: number; etag: string }[]): Promise<void>;
  /** Drops a multipart upload and its parts; one already gone counts as aborted. */
  abortMultipart(key: string, multipartUploadId: string): Promise<void>;
  /** Deletes the uploaded object; one that is not there counts as deleted. */
  deleteObject(key: string): Promise<void>;
}
