import type { Logger } from "@aws-lambda-powertools/logger";
import {
  CompleteUploadRequest,
  CreateUploadRequest,
  SignPartsRequest,
  objectKeyOf,
  type Caller,
  type AbortUploadResponse,
  type CompleteUploadResponse,
  type CreateUploadResponse,
  type SignPartsResponse,
  type StoredPartsResponse,
} from "@video-platform/shared-types";
import { validateInput } from "../core/request-input.js";
import { ownedUpload } from "../core/ownership.js";
import { InvalidRequestError, UploadStateConflictError } from "../core/upload-errors.js";
import { assertPartsInPlan, newUploadId, partSizeOf, planUpload } from "../core/upload-plan.js";
import { pendingMultipartOf, pendingUploadRecord, type UploadRecord } from "../core/upload-record.js";
import { MultipartUploadGoneError, PartListRefusedError } from "../core/storage-errors.js";
import type { OwnerDirectory } from "../ports/owner-directory.js";
import type { RawUploadBucket } from "../ports/raw-upload-bucket.js";
import type { UploadTable } from "../ports/upload-table.js";
import type { UploadQuotaGate } from "./upload-quota-gate.js";

export interface UploadRequestsDeps {
  readonly table: UploadTable;
  readonly bucket: RawUploadBucket;
  readonly quota: UploadQuotaGate;
  readonly owners: OwnerDirectory;
  readonly maxUploadBytes: number;
  readonly urlTtlSeconds: number;
  readonly logger: Logger;
  readonly clock?: () => Date;
}

/** What `MovieUploadApi` does: hand out presigned uploads and see multipart uploads through. */
export class UploadRequests {
  private readonly clock: () => Date;

  constructor(private readonly deps: UploadRequestsDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * Records the caller's new upload and hands out where to send it, once the quota lets it
   * through; the bytes it reserved are given back if it cannot be created after all.
   */
  async create(caller: Caller, body: unknown, accessToken?: string): Promise<CreateUploadResponse> {
    const request = validateInput(CreateUploadRequest, body, "body");
    const plan = planUpload(request, this.deps.maxUploadBytes);
    const now = this.clock();
    const email = this.ownerEmail(accessToken);
    const admission = await this.deps.quota.admit(caller.sub, request.sizeBytes, now);
    try {
      return await this.start(request, plan, { id: caller.sub, email: await email }, now);
    } catch (error) {
      await admission.release().catch((releaseError: unknown) => {
        this.deps.logger.warn("reserved bytes not given back", { error: releaseError as Error });
      });
      throw error;
    }
  }

  private async start(
    request: CreateUploadRequest,
    plan: ReturnType<typeof planUpload>,
    owner: { id: string; email: string | undefined },
    now: Date,
  ): Promise<CreateUploadResponse> {
    const uploadId = newUploadId(request);
    const key = objectKeyOf(uploadId);
    // Taken before signing, so every URL lives at least until the announced time.
    const urlsExpireAt = this.expiryFrom(now);
    const expiresAt = urlsExpireAt.toISOString();

    if (plan.method === "PUT") {
      await this.record(pendingUploadRecord({ uploadId, ...request, plan, owner, urlsExpireAt, now }));
      const { url, headers } = await this.deps.bucket.presignPut(key, request.contentType, request.sizeBytes);
      this.deps.logger.info("upload created", { uploadId, method: plan.method, sizeBytes: request.sizeBytes });
      return { method: "PUT", uploadId, url, headers, expiresAt };
    }

    // A multipart upload the record never names is left to the bucket's abort-incomplete lifecycle rule.
    const multipartUploadId = await this.deps.bucket.startMultipart(key, request.contentType);
    await this.record(pendingUploadRecord({ uploadId, ...request, plan, multipartUploadId, owner, urlsExpireAt, now }));
    const partNumbers = Array.from({ length: plan.partCount }, (_, index) => index + 1);
    const parts = await this.deps.bucket.presignParts(
      key,
      multipartUploadId,
      partNumbers.map((partNumber) => ({ partNumber, sizeBytes: partSizeOf(partNumber, request.sizeBytes, plan.partSizeBytes) })),
    );
    this.deps.logger.info("upload created", {
      uploadId,
      method: plan.method,
      sizeBytes: request.sizeBytes,
      partCount: plan.partCount,
    });
    return { method: "MULTIPART", uploadId, multipartUploadId, partSizeBytes: plan.partSizeBytes, parts, expiresAt };
  }

  async listStoredParts(caller: Caller, uploadIdInput: string | undefined): Promise<StoredPartsResponse> {
    const { uploadId, record, multipart } = await this.pendingMultipart(caller, uploadIdInput);
    const parts = await this.deps.bucket
      .listParts(record.FileName, multipart.multipartUploadId)
      .catch((error: unknown) => this.conflictIfGone(error));
    return { uploadId, partSizeBytes: multipart.partSizeBytes, parts };
  }

  async signParts(caller: Caller, uploadIdInput: string | undefined, body: unknown): Promise<SignPartsResponse> {
    const { uploadId, record, multipart } = await this.pendingMultipart(caller, uploadIdInput);
    const { partNumbers } = validateInput(SignPartsRequest, body, "body");
    assertPartsInPlan(partNumbers, multipart.partCount, "partNumbers");
    const urlsExpireAt = this.expiryFrom(this.clock());
    // Fresh URLs keep the upload open (and counted) until they expire; refused once it has moved on.
    if ((await this.deps.table.extendPending(record.FileName, urlsExpireAt)) === "refused") {
      throw new UploadStateConflictError(`upload ${uploadId} is no longer waiting for its parts`);
    }
    const expiresAt = urlsExpireAt.toISOString();
    const wanted = [...new Set(partNumbers)].sort((a, b) => a - b);
    const parts = await this.deps.bucket.presignParts(
      record.FileName,
      multipart.multipartUploadId,
      wanted.map((partNumber) => ({
        partNumber,
        sizeBytes: partSizeOf(partNumber, record.SizeBytes, multipart.partSizeBytes),
      })),
    );
    return { uploadId, parts, expiresAt };
  }

  async complete(caller: Caller, uploadIdInput: string | undefined, body: unknown): Promise<CompleteUploadResponse> {
    const { uploadId, record, multipart } = await this.pendingMultipart(caller, uploadIdInput);
    const { parts } = validateInput(CompleteUploadRequest, body, "body");
    assertPartsInPlan(
      parts.map((part) => part.partNumber),
      multipart.partCount,
      "parts",
    );
    await this.deps.bucket.completeMultipart(record.FileName, multipart.multipartUploadId, parts).catch((error: unknown) => {
      if (error instanceof PartListRefusedError) {
        throw new InvalidRequestError(`parts were refused by storage: ${error.message}`, "parts");
      }
      return this.conflictIfGone(error);
    });
    // S3's own event will say the same; recording it now lets the answer say where the upload is.
    const outcome = await this.deps.table.applyStatusChange(
      record.FileName,
      { status: "UPLOADED", progress: 0, sizeBytes: record.SizeBytes },
      this.clock(),
    );
    const status = outcome === "applied" ? "UPLOADED" : ((await this.deps.table.get(record.FileName))?.Status ?? "UPLOADED");
    this.deps.logger.info("multipart upload completed", { uploadId, partCount: parts.length, status });
    return { uploadId, status };
  }

  async abort(caller: Caller, uploadIdInput: string | undefined): Promise<AbortUploadResponse> {
    const { uploadId, record } = await ownedUpload((key) => this.deps.table.get(key), caller, uploadIdInput);
    if (record.Status !== "PENDING_UPLOAD") {
      throw new UploadStateConflictError(`upload ${uploadId} is ${record.Status} and can no longer be aborted`);
    }
    const multipart = pendingMultipartOf(record);
    if (multipart) await this.deps.bucket.abortMultipart(record.FileName, multipart.multipartUploadId);
    if ((await this.deps.table.deletePending(record.FileName)) === "refused") {
      throw new UploadStateConflictError(`upload ${uploadId} arrived while it was being aborted`);
    }
    this.deps.logger.info("upload aborted", { uploadId, method: record.UploadMethod });
    return { uploadId, aborted: true };
  }

  /** The owner's e-mail for the admins' list; an upload is never refused for lack of it. */
  private async ownerEmail(accessToken: string | undefined): Promise<string | undefined> {
    if (accessToken === undefined) return undefined;
    try {
      return await this.deps.owners.emailOf(accessToken);
    } catch (error) {
      this.deps.logger.warn("owner e-mail unknown: the user directory did not answer", { error: error as Error });
      return undefined;
    }
  }

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.deps.urlTtlSeconds * 1000);
  }

  private async record(record: UploadRecord): Promise<void> {
    if ((await this.deps.table.createPending(record)) === "refused") {
      // A UUID collision: astronomically unlikely, and never silently overwritten.
      throw new Error(`upload ${record.UploadId} already exists`);
    }
  }

  private async pendingMultipart(caller: Caller, uploadIdInput: string | undefined) {
    const { uploadId, record } = await ownedUpload((key) => this.deps.table.get(key), caller, uploadIdInput);
    const multipart = pendingMultipartOf(record);
    if (multipart === undefined) {
      throw new UploadStateConflictError(
        `upload ${uploadId} is not a pending multipart upload (${record.UploadMethod}, ${record.Status})`,
      );
    }
    return { uploadId, record, multipart };
  }

  /** Storage no longer knows the multipart upload: it was completed or aborted meanwhile. */
  private conflictIfGone(error: unknown): never {
    if (error instanceof MultipartUploadGoneError) throw new UploadStateConflictError(error.message);
    throw error;
  }
}
