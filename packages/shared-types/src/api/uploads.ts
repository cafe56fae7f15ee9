import * as z from "zod";
import { QUOTA_LIMITS } from "../access/upload-quota.js";
import { VideoSummary } from "../encoding/source-job.js";
import { UploadId } from "../upload-key.js";
import { UploadStatus } from "../upload-status.js";
import { VideoContentType, VideoFileName } from "./file-name.js";

/** `POST /api/uploads`: what the browser wants to send. */
export const CreateUploadRequest = z.object({
  fileName: VideoFileName,
  contentType: VideoContentType,
  sizeBytes: z
    .number({ error: "must be a number" })
    .int("must be a whole number of bytes")
    .positive("must be more than 0")
    .max(Number.MAX_SAFE_INTEGER),
});
export type CreateUploadRequest = z.infer<typeof CreateUploadRequest>;

const PresignedPart = z.object({
  partNumber: z.number().int().min(1).max(10_000),
  url: z.url(),
});
export type PresignedPart = z.infer<typeof PresignedPart>;

/** One presigned PUT: the request must carry exactly these headers, which the signature binds. */
export const SinglePutUpload = z.object({
  method: z.literal("PUT"),
  uploadId: UploadId,
  url: z.url(),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.iso.datetime(),
});
export type SinglePutUpload = z.infer<typeof SinglePutUpload>;

/** An S3 multipart upload: the file cut in `partSizeBytes` pieces, one URL per piece. */
export const MultipartUpload = z.object({
  method: z.literal("MULTIPART"),
  uploadId: UploadId,
  multipartUploadId: z.string().min(1),
  partSizeBytes: z.number().int().positive(),
  parts: z.array(PresignedPart).min(1),
  expiresAt: z.iso.datetime(),
});
export type MultipartUpload = z.infer<typeof MultipartUpload>;

export const CreateUploadResponse = z.discriminatedUnion("method", [SinglePutUpload, MultipartUpload]);
export type CreateUploadResponse = z.infer<typeof CreateUploadResponse>;

/** `POST /api/uploads/{uploadId}/parts`: fresh URLs for parts still to send (after expiry or a reload). */
export const SignPartsRequest = z.object({
  partNumbers: z.array(z.number().int().min(1).max(10_000)).min(1).max(1000),
});
export type SignPartsRequest = z.infer<typeof SignPartsRequest>;

export const SignPartsResponse = z.object({
  uploadId: UploadId,
  parts: z.array(PresignedPart),
  expiresAt: z.iso.datetime(),
});
export type SignPartsResponse = z.infer<typeof SignPartsResponse>;

/** `GET /api/uploads/{uploadId}/parts`: the parts S3 already holds, so a resumed upload skips them. */
export const StoredPartsResponse = z.object({
  uploadId: UploadId,
  partSizeBytes: z.number().int().positive(),
  parts: z.array(
    z.object({ partNumber: z.number().int().min(1), etag: z.string().min(1), sizeBytes: z.number().int().min(0) }),
  ),
});
export type StoredPartsResponse = z.infer<typeof StoredPartsResponse>;

/** `POST /api/uploads/{uploadId}/complete`: every part with the ETag S3 returned for it. */
export const CompleteUploadRequest = z.object({
  parts: z
    .array(z.object({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().min(1) }))
    .min(1, "must list at least one part"),
});
export type CompleteUploadRequest = z.infer<typeof CompleteUploadRequest>;

export const CompleteUploadResponse = z.object({ uploadId: UploadId, status: UploadStatus });
export type CompleteUploadResponse = z.infer<typeof CompleteUploadResponse>;

/** `DELETE /api/uploads/{uploadId}` aborts a multipart upload and forgets the pending record. */
export const AbortUploadResponse = z.object({ uploadId: UploadId, aborted: z.literal(true) });
export type AbortUploadResponse = z.infer<typeof AbortUploadResponse>;

/**
 * `GET /api/status/{uploadId}`: everything known of one upload. Once its job is submitted, also what
 * the job makes (`VideoSummary`: poster, duration, size and renditions); uploads recorded before
 * the platform knew these, and uploads refused or not yet probed, have none of them.
 */
export const UploadStatusResponse = z.object({
  uploadId: UploadId,
  fileName: z.string(),
  originalFileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().min(0),
  uploadMethod: z.enum(["PUT", "MULTIPART"]),
  status: UploadStatus,
  progress: z.number().min(0).max(100),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  jobId: z.string().optional(),
  playbackPath: z.string().optional(),
  errorMessage: z.string().optional(),
  ...VideoSummary.partial().shape,
  /**
   * The poster (`posterPath`) as a short-lived CloudFront signed URL: media is private, and a
   * library cannot ask for playback cookies for every video it lists.
   */
  posterUrl: z.url().optional(),
  /** Who started the upload: given to admins only (everyone else sees only their own). */
  owner: z.object({ id: z.string().min(1), email: z.string().optional() }).optional(),
});
export type UploadStatusResponse = z.infer<typeof UploadStatusResponse>;

export const LIST_PAGE_DEFAULT = 20;
export const LIST_PAGE_MAX = 100;

/**
 * `GET /api/status?scope=&limit=&pageToken=`: newest first. `scope=mine` (the default) is the
 * caller's own uploads; `scope=all` every upload, for admins only (anyone else gets 403).
 */
export const ListUploadsQuery = z.object({
  scope: z.enum(["mine", "all"], { error: 'must be "mine" or "all"' }).default("mine"),
  limit: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(LIST_PAGE_MAX, `must be at most ${LIST_PAGE_MAX}`)
    .default(LIST_PAGE_DEFAULT),
  pageToken: z.string().min(1).max(2048).optional(),
});
export type ListUploadsQuery = z.infer<typeof ListUploadsQuery>;

export const UploadListResponse = z.object({
  items: z.array(UploadStatusResponse),
  nextPageToken: z.string().optional(),
});
export type UploadListResponse = z.infer<typeof UploadListResponse>;

/**
 * Every refusal has this body; `field` names the bad input when there is one. A 429 for a
 * per-user quota has code `quota_exceeded`, `limit` saying which one, and a `Retry-After` header.
 */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    limit: z.enum(QUOTA_LIMITS).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
