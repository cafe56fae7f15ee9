import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  NoSuchUpload,
  PutObjectCommand,
  UploadPartCommand,
  ListPartsCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { PresignedPart } from "@video-platform/shared-types";

/** The request headers a presigned PUT binds; the uploader must send exactly these. */
const BOUND_PUT_HEADERS = new Set(["content-type", "content-length"]);
const BOUND_PART_HEADERS = new Set(["content-length"]);

export interface StoredPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly sizeBytes: number;
}

/**
 * The raw bucket as the upload API sees it: presigned URLs and multipart bookkeeping. The client
 * must not add checksums of its own to presigned requests (the browser sends the body, not us).
 */
export class RawUploadBucket {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly expiresInSeconds: number,
    /** Parts per ListParts page; S3's default (1,000) unless a test wants to see paging. */
    private readonly listPageSize?: number,
  ) {}

  /** A PUT URL whose signature covers the content type and the exact length declared. */
  async presignPut(key: string, contentType: string, sizeBytes: number): Promise<{ url: string; headers: Record<string, string> }> {
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

  /** One URL per part; each binds that part's length, so no part can exceed the declared size. */
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
      const page = await this.s3.send(
        new ListPartsCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: multipartUploadId,
          PartNumberMarker: marker,
          MaxParts: this.listPageSize,
        }),
      );
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
    await this.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: multipartUploadId,
        MultipartUpload: { Parts: ordered.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
      }),
    );
  }

  /** Aborts a multipart upload; one S3 no longer knows counts as aborted already. */
  async abortMultipart(key: string, multipartUploadId: string): Promise<void> {
    try {
      await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: multipartUploadId }));
    } catch (error) {
      if (!(error instanceof NoSuchUpload)) throw error;
    }
  }
}
