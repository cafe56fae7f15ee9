import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
  ListPartsCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { PresignedPart } from "@video-platform/shared-types";
import { MultipartUploadGoneError, PartListRefusedError, type PartListProblem } from "../core/storage-errors.js";
import type { PresignedPut, RawUploadBucket, StoredPart } from "../ports/raw-upload-bucket.js";

/** The request headers a presigned PUT binds; the uploader must send exactly these. */
const BOUND_PUT_HEADERS = new Set(["content-type", "content-length"]);
const BOUND_PART_HEADERS = new Set(["content-length"]);

/** S3's answers to CompleteMultipartUpload that mean the caller's part list is wrong. */
const PART_LIST_PROBLEMS: Readonly<Record<string, PartListProblem>> = {
  InvalidPart: "unknownPart",
  InvalidPartOrder: "partOrder",
  EntityTooSmall: "partTooSmall",
};

/** The S3 exceptions the use cases must answer for, as domain errors; every other error stays one. */
function storageErrorOf(error: unknown): unknown {
  if (!(error instanceof S3ServiceException)) return error;
  if (error.name === "NoSuchUpload") return new MultipartUploadGoneError();
  const problem = PART_LIST_PROBLEMS[error.name];
  return problem === undefined ? error : new PartListRefusedError(problem);
}

/**
 * `RawUploadBucket` on S3. The client must not add checksums of its own to presigned requests
 * (the browser sends the body, not us).
 */
export class S3RawUploadBucket implements RawUploadBucket {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly expiresInSeconds: number,
    /** Parts per ListParts page; S3's default (1,000) unless a test wants to see paging. */
    private readonly listPageSize?: number,
  ) {}

  async presignPut(key: string, contentType: string, sizeBytes: number): Promise<PresignedPut> {
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: sizeBytes });
    const url = await getSignedUrl(this.s3, command, {
      expiresIn: this.expiresInSeconds,
      signableHeaders: BOUND_PUT_HEADERS,
    });
    return { url, headers: { "content-type": contentType, "content-length": String(sizeBytes) } };
  }

  async startMultipart(key: string, contentType: string): Promise<string> {
    const { UploadId } = await this.s3.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }),
    );
    if (UploadId === undefined) throw new Error("S3 returned no multipart upload id");
    return UploadId;
  }

  /** Each URL binds its part's length, so no part can exceed the declared size. */
  async presignParts(
    key: string,
    multipartUploadId: string,
    parts: readonly { partNumber: number; sizeBytes: number }[],
  ): Promise<PresignedPart[]> {
    return Promise.all(
      parts.map(async ({ partNumber, sizeBytes }) => {
        const command = new UploadPartCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: multipartUploadId,
          PartNumber: partNumber,
          ContentLength: sizeBytes,
        });
        const url = await getSignedUrl(this.s3, command, {
          expiresIn: this.expiresInSeconds,
          signableHeaders: BOUND_PART_HEADERS,
        });
        return { partNumber, url };
      }),
    );
  }

  /**
   * Every part S3 holds, all pages. Paged by hand: S3 sets NextPartNumberMarker on the last page
   * too, so the SDK's generated paginator (which ignores IsTruncated) never stops.
   */
  async listParts(key: string, multipartUploadId: string): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await this.s3
        .send(
          new ListPartsCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: multipartUploadId,
            PartNumberMarker: marker,
            MaxParts: this.listPageSize,
          }),
        )
        .catch((error: unknown) => {
          throw storageErrorOf(error);
        });
      for (const part of page.Parts ?? []) {
        if (part.PartNumber === undefined || part.ETag === undefined) continue;
        parts.push({ partNumber: part.PartNumber, etag: part.ETag, sizeBytes: part.Size ?? 0 });
      }
      if (page.IsTruncated !== true || page.NextPartNumberMarker === undefined || page.NextPartNumberMarker === marker) {
        return parts;
      }
      marker = page.NextPartNumberMarker;
    }
  }

  async completeMultipart(
    key: string,
    multipartUploadId: string,
    parts: readonly { partNumber: number; etag: string }[],
  ): Promise<void> {
    const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    try {
      await this.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: multipartUploadId,
          MultipartUpload: { Parts: ordered.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
        }),
      );
    } catch (error) {
      throw storageErrorOf(error);
    }
  }

  async abortMultipart(key: string, multipartUploadId: string): Promise<void> {
    try {
      await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: multipartUploadId }));
    } catch (error) {
      const storageError = storageErrorOf(error);
      if (!(storageError instanceof MultipartUploadGoneError)) throw storageError;
    }
  }

  /** S3 answers a DELETE of a missing key with success: deleting twice is deleting once. */
  async deleteObject(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
