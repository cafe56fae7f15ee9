import * as z from "zod";
import {
  STATUS_RANK,
  UPLOAD_TABLE,
  RenditionSummary,
  UploadId,
  UploadStatus,
  objectKeyOf,
  pendingRecordExpiry,
  type UploadStatusResponse,
  type VideoSummary,
} from "@video-platform/shared-types";
import type { UploadPlan } from "./upload-plan.js";

/**
 * One item of the upload status table. Attribute names are the table's own (PascalCase, like its
 * key `FileName`); `StatusRank` and `Progress` sit next to `Status` so that conditional writes can
 * enforce the status rule inside DynamoDB.
 */
export const UploadRecord = z.object({
  FileName: z.string(),
  UploadId,
  OriginalFileName: z.string(),
  ContentType: z.string(),
  SizeBytes: z.number().int().min(0),
  UploadMethod: z.enum(["PUT", "MULTIPART"]),
  Status: UploadStatus,
  StatusRank: z.number().int(),
  Progress: z.number(),
  ListPartition: z.literal(UPLOAD_TABLE.listPartitionValue),
  CreatedAt: z.iso.datetime(),
  UpdatedAt: z.iso.datetime(),
  MultipartUploadId: z.string().optional(),
  PartSizeBytes: z.number().int().positive().optional(),
  PartCount: z.number().int().positive().optional(),
  JobId: z.string().optional(),
  PlaybackPath: z.string().optional(),
  ErrorMessage: z.string().optional(),
  // What the job makes (`VideoSummary`), stored when it is submitted; older records have none.
  PosterPath: z.string().optional(),
  DurationSeconds: z.number().positive().optional(),
  Width: z.number().int().positive().optional(),
  Height: z.number().int().positive().optional(),
  Renditions: z.array(RenditionSummary).optional(),
  /**
   * The owner's Cognito `sub` (the `ByOwner` index's key). Records from before accounts have none:
   * only admins see those, until infra's `adopt-uploads` gives them to someone.
   */
  OwnerId: z.string().min(1).optional(),
  /** The owner's e-mail as Cognito told it at creation, for the admins' list; absent when it could not be read. */
  OwnerEmail: z.string().optional(),
  /** While `PENDING_UPLOAD`: when the last URLs handed out expire (stale after it). */
  UrlsExpireAt: z.iso.datetime().optional(),
  /** While `PENDING_UPLOAD`: epoch seconds after which DynamoDB's time to live removes the record. */
  ExpiresAt: z.number().int().optional(),
});
export type UploadRecord = z.infer<typeof UploadRecord>;

/** What is known of an upload the moment it is created, before S3 has seen a byte. */
export function pendingUploadRecord(input: {
  uploadId: UploadId;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  plan: UploadPlan;
  multipartUploadId?: string;
  owner: { id: string; email?: string | undefined };
  /** When the URLs handed out with this answer expire. */
  urlsExpireAt: Date;
  now: Date;
}): UploadRecord {
  const createdAt = input.now.toISOString();
  return {
    FileName: objectKeyOf(input.uploadId),
    UploadId: input.uploadId,
    OriginalFileName: input.fileName,
    ContentType: input.contentType,
    SizeBytes: input.sizeBytes,
    UploadMethod: input.plan.method,
    Status: "PENDING_UPLOAD",
    StatusRank: STATUS_RANK.PENDING_UPLOAD,
    Progress: 0,
    ListPartition: UPLOAD_TABLE.listPartitionValue,
    CreatedAt: createdAt,
    UpdatedAt: createdAt,
    OwnerId: input.owner.id,
    ...(input.owner.email === undefined ? {} : { OwnerEmail: input.owner.email }),
    UrlsExpireAt: input.urlsExpireAt.toISOString(),
    ExpiresAt: pendingRecordExpiry(input.urlsExpireAt),
    ...(input.plan.method === "MULTIPART"
      ? {
          MultipartUploadId: input.multipartUploadId,
          PartSizeBytes: input.plan.partSizeBytes,
          PartCount: input.plan.partCount,
        }
      : {}),
  };
}

/** A pending multipart upload, with what the part routes need; undefined for anything else. */
export function pendingMultipartOf(
  record: UploadRecord,
): { multipartUploadId: string; partSizeBytes: number; partCount: number } | undefined {
  if (record.Status !== "PENDING_UPLOAD" || record.UploadMethod !== "MULTIPART") return undefined;
  const { MultipartUploadId, PartSizeBytes, PartCount } = record;
  if (MultipartUploadId === undefined || PartSizeBytes === undefined || PartCount === undefined) return undefined;
  return { multipartUploadId: MultipartUploadId, partSizeBytes: PartSizeBytes, partCount: PartCount };
}

/** What a caller sees of an upload: admins also see whose it is. */
export function statusResponseOf(record: UploadRecord, view: { readonly withOwner: boolean }): UploadStatusResponse {
  return {
    uploadId: record.UploadId,
    fileName: record.FileName,
    originalFileName: record.OriginalFileName,
    contentType: record.ContentType,
    sizeBytes: record.SizeBytes,
    uploadMethod: record.UploadMethod,
    status: record.Status,
    progress: record.Progress,
    createdAt: record.CreatedAt,
    updatedAt: record.UpdatedAt,
    ...(record.JobId === undefined ? {} : { jobId: record.JobId }),
    ...(record.PlaybackPath === undefined ? {} : { playbackPath: record.PlaybackPath }),
    ...(record.ErrorMessage === undefined ? {} : { errorMessage: record.ErrorMessage }),
    ...videoSummaryOf(record),
    ...(view.withOwner && record.OwnerId !== undefined
      ? { owner: { id: record.OwnerId, ...(record.OwnerEmail === undefined ? {} : { email: record.OwnerEmail }) } }
      : {}),
  };
}

/** The stored summary as the API spells it; nothing for a record that has none (or only part of one). */
function videoSummaryOf(record: UploadRecord): VideoSummary | Record<string, never> {
  const { PosterPath, DurationSeconds, Width, Height, Renditions } = record;
  if (PosterPath === undefined || DurationSeconds === undefined || Width === undefined || Height === undefined || !Renditions?.length) {
    return {};
  }
  return { posterPath: PosterPath, durationSeconds: DurationSeconds, width: Width, height: Height, renditions: Renditions };
}
