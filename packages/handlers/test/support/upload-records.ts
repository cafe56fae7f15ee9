import { randomUUID } from "node:crypto";
import { PutCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PRESIGNED_URL_TTL_SECONDS, STATUS_RANK, objectKeyOf, type StatusPoint, type UploadId } from "@video-platform/shared-types";
import { pendingUploadRecord, type UploadRecord } from "../../src/core/upload-record.js";
import type { UploadTable } from "../../src/ports/upload-table.js";
import { TEST_TABLE } from "./aws-environment.js";
import { OWNER } from "./callers.js";

export function freshUploadId(extension = "mp4"): UploadId {
  return `${randomUUID()}.${extension}`;
}

/** A pending single-PUT upload's record as `POST /uploads` makes it, created at `now`. */
function pendingRecord(
  uploadId: UploadId,
  options: { now?: Date; fileName?: string; ownerId?: string; ownerEmail?: string } = {},
): UploadRecord {
  const now = options.now ?? new Date();
  return pendingUploadRecord({
    uploadId,
    fileName: options.fileName ?? "movie.mp4",
    contentType: "video/mp4",
    sizeBytes: 1000,
    plan: { method: "PUT" },
    owner: { id: options.ownerId ?? OWNER.sub, ...(options.ownerEmail ? { email: options.ownerEmail } : {}) },
    urlsExpireAt: new Date(now.getTime() + PRESIGNED_URL_TTL_SECONDS * 1000),
    now,
  });
}

/** A new pending single-PUT upload, as `POST /uploads` records it; returns its object key. */
export async function recordPendingUpload(
  table: UploadTable,
  options: { uploadId?: UploadId; now?: Date; fileName?: string; ownerId?: string; ownerEmail?: string } = {},
): Promise<{ uploadId: UploadId; objectKey: string }> {
  const uploadId = options.uploadId ?? freshUploadId();
  await table.createPending(pendingRecord(uploadId, options));
  return { uploadId, objectKey: objectKeyOf(uploadId) };
}

/** A pending single-PUT upload's record, put straight into a given status: a test's starting point. */
export function recordInStatus(uploadId: UploadId, point: StatusPoint, ownerId = OWNER.sub): UploadRecord {
  const record = pendingRecord(uploadId, { ownerId });
  if (point.status === "PENDING_UPLOAD") return { ...record, Progress: point.progress };
  const { UrlsExpireAt: _urls, ExpiresAt: _expiry, ...moved } = record;
  return { ...moved, Status: point.status, StatusRank: STATUS_RANK[point.status], Progress: point.progress };
}

/** Puts an upload straight into a given status in the DynamoDB table, bypassing the rule. */
export async function forceStatus(dynamodb: DynamoDBClient, uploadId: UploadId, point: StatusPoint, ownerId = OWNER.sub): Promise<void> {
  await DynamoDBDocumentClient.from(dynamodb).send(
    new PutCommand({ TableName: TEST_TABLE, Item: recordInStatus(uploadId, point, ownerId) }),
  );
}
