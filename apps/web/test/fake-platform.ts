import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CompleteUploadRequest,
  CreateUploadRequest,
  SignPartsRequest,
  type AbortUploadResponse,
  type CompleteUploadResponse,
  type CreateUploadResponse,
  type SignPartsResponse,
  type StoredPartsResponse,
} from "@video-platform/shared-types";
import { ApiError } from "../src/api/api-errors.js";
import type { UploadApi } from "../src/api/upload-api.js";

export interface ReceivedPut {
  readonly path: string;
  readonly partNumber?: number;
  readonly multipartUploadId?: string;
  readonly headers: IncomingMessage["headers"];
  readonly size: number;
  /** `label` of the bucket when the request arrived: tells apart requests of two page visits. */
  readonly label: string;
}

/** What the bucket does with one part PUT: answer, drop the connection, or wait for the test. */
export type PartVerdict = "store" | "drop" | Promise<"store" | "drop">;

/**
 * A stand-in for the raw bucket's presigned URLs on a loopback port, with the CORS answers the
 * real bucket gives (PUT allowed, ETag exposed), so the browser's XHRs go through as they would.
 */
export class FakeBucket {
  readonly puts: ReceivedPut[] = [];
  readonly objects = new Map<string, Buffer>();
  readonly parts = new Map<string, Map<number, { etag: string; body: Buffer }>>();
  inFlight = 0;
  maxInFlight = 0;
  label = "";
  /** Decides each part PUT; by default every part is stored. */
  partVerdict: (partNumber: number, attempt: number) => PartVerdict = () => "store";
  #attempts = new Map<string, number>();
  #server: Server | undefined;
  origin = "";

  async start(): Promise<void> {
    this.#server = createServer((request, response) => void this.#handle(request, response));
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader("access-control-allow-origin", "*");
    response.setHeader("access-control-expose-headers", "ETag");
    if (request.method === "OPTIONS") {
      response.writeHead(204, {
        "access-control-allow-methods": "PUT",
        "access-control-allow-headers": request.headers["access-control-request-headers"] ?? "",
      });
      response.end();
      return;
    }
    const url = new URL(request.url ?? "/", this.origin);
    const partNumber = url.searchParams.has("partNumber") ? Number(url.searchParams.get("partNumber")) : undefined;
    const multipartUploadId = url.searchParams.get("uploadId") ?? undefined;
    const label = this.label;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    // Counted out when answered or when the client drops the request, even one the test holds.
    response.on("close", () => this.inFlight--);
    try {
      const body = await readBody(request);
      this.puts.push({ path: url.pathname, partNumber, multipartUploadId, headers: request.headers, size: body.length, label });
      if (partNumber === undefined || multipartUploadId === undefined) {
        this.objects.set(url.pathname, body);
        response.writeHead(200, { etag: etagOf(body) }).end();
        return;
      }
      const key = `${multipartUploadId}#${partNumber}`;
      const attempt = (this.#attempts.get(key) ?? 0) + 1;
      this.#attempts.set(key, attempt);
      // Hold the answer a moment so parts sent together are seen together.
      await new Promise((resolve) => setTimeout(resolve, 40));
      const verdict = await this.partVerdict(partNumber, attempt);
      if (verdict === "drop" || request.socket.destroyed) {
        request.socket.destroy();
        return;
      }
      const stored = this.parts.get(multipartUploadId) ?? new Map();
      stored.set(partNumber, { etag: etagOf(body), body });
      this.parts.set(multipartUploadId, stored);
      response.writeHead(200, { etag: etagOf(body) }).end();
    } catch (error) {
      response.destroy(error instanceof Error ? error : undefined);
    }
  }

  partPuts(multipartUploadId: string): number[] {
    return this.puts.filter((put) => put.multipartUploadId === multipartUploadId).map((put) => put.partNumber ?? 0);
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
    request.on("aborted", () => resolve(Buffer.concat(chunks)));
  });
}

function etagOf(body: Buffer): string {
  return `"${createHash("md5").update(body).digest("hex")}"`;
}

interface FakeUpload {
  readonly uploadId: string;
  readonly request: CreateUploadRequest;
  readonly multipartUploadId?: string;
  readonly partSizeBytes?: number;
  state: "open" | "completed" | "aborted";
}

/**
 * MovieUploadApi as the app sees it, in memory: validates requests with the contract's schemas,
 * refuses what the real API refuses, and hands out URLs on the fake bucket.
 */
export class FakeUploadApi implements UploadApi {
  readonly calls: string[] = [];
  readonly uploads = new Map<string, FakeUpload>();
  readonly signedBatches: number[][] = [];
  /** Every call is refused with this while set: a 401 (session ended), a 429 (quota). */
  refusing: ApiError | undefined;

  constructor(
    private readonly bucket: FakeBucket,
    private readonly limits: { singlePutMaxBytes: number; partSizeBytes: number },
  ) {}

  async createUpload(request: CreateUploadRequest): Promise<CreateUploadResponse> {
    this.calls.push("POST /uploads");
    if (this.refusing !== undefined) throw this.refusing;
    const parsed = CreateUploadRequest.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? "");
      throw new ApiError(400, "INVALID_REQUEST", `${field} ${issue?.message ?? "is invalid"}`, { field });
    }
    const uploadId = `${randomUUID()}.mp4`;
    const expiresAt = new Date(Date.now() + 900_000).toISOString();
    if (request.sizeBytes < this.limits.singlePutMaxBytes) {
      this.uploads.set(uploadId, { uploadId, request, state: "open" });
      return {
        method: "PUT",
        uploadId,
        url: `${this.bucket.origin}/raw/uploads/${uploadId}?X-Amz-Signature=single`,
        headers: { "content-type": request.contentType, "x-amz-meta-upload-id": uploadId },
        expiresAt,
      };
    }
    const multipartUploadId = `mpu-${randomUUID()}`;
    const partSizeBytes = this.limits.partSizeBytes;
    this.uploads.set(uploadId, { uploadId, request, multipartUploadId, partSizeBytes, state: "open" });
    const count = Math.ceil(request.sizeBytes / partSizeBytes);
    return {
      method: "MULTIPART",
      uploadId,
      multipartUploadId,
      partSizeBytes,
      parts: Array.from({ length: count }, (_unused, index) => ({ partNumber: index + 1, url: this.#partUrl(uploadId, index + 1) })),
      expiresAt,
    };
  }

  async listStoredParts(uploadId: string): Promise<StoredPartsResponse> {
    this.calls.push(`GET /uploads/${uploadId}/parts`);
    if (this.refusing !== undefined) throw this.refusing;
    const upload = this.#open(uploadId);
    const stored = this.bucket.parts.get(upload.multipartUploadId ?? "") ?? new Map();
    return {
      uploadId,
      partSizeBytes: upload.partSizeBytes ?? 0,
      parts: [...stored.entries()].map(([partNumber, part]) => ({ partNumber, etag: part.etag, sizeBytes: part.body.length })),
    };
  }

  async signParts(uploadId: string, request: SignPartsRequest): Promise<SignPartsResponse> {
    this.calls.push(`POST /uploads/${uploadId}/parts`);
    if (this.refusing !== undefined) throw this.refusing;
    SignPartsRequest.parse(request);
    this.#open(uploadId);
    this.signedBatches.push(request.partNumbers);
    return {
      uploadId,
      parts: request.partNumbers.map((partNumber) => ({ partNumber, url: this.#partUrl(uploadId, partNumber) })),
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
    };
  }

  async completeUpload(uploadId: string, request: CompleteUploadRequest): Promise<CompleteUploadResponse> {
    this.calls.push(`POST /uploads/${uploadId}/complete`);
    if (this.refusing !== undefined) throw this.refusing;
    CompleteUploadRequest.parse(request);
    const upload = this.#open(uploadId);
    const stored = this.bucket.parts.get(upload.multipartUploadId ?? "") ?? new Map();
    const bodies = request.parts.map((part, index) => {
      const held = stored.get(part.partNumber);
      if (part.partNumber !== index + 1 || held === undefined || held.etag !== part.etag) {
        throw new ApiError(400, "INVALID_PART", `Part ${part.partNumber} is not stored with that ETag`);
      }
      return held.body;
    });
    this.bucket.objects.set(`/raw/uploads/${uploadId}`, Buffer.concat(bodies));
    upload.state = "completed";
    return { uploadId, status: "PENDING_UPLOAD" };
  }

  async abortUpload(uploadId: string): Promise<AbortUploadResponse> {
    this.calls.push(`DELETE /uploads/${uploadId}`);
    if (this.refusing !== undefined) throw this.refusing;
    this.#open(uploadId).state = "aborted";
    return { uploadId, aborted: true };
  }

  #open(uploadId: string): FakeUpload {
    const upload = this.uploads.get(uploadId);
    if (upload === undefined || upload.state !== "open") throw new ApiError(404, "NOT_FOUND", "No open upload with this id");
    return upload;
  }

  #partUrl(uploadId: string, partNumber: number): string {
    const upload = this.uploads.get(uploadId);
    return `${this.bucket.origin}/raw/uploads/${uploadId}?partNumber=${partNumber}&uploadId=${upload?.multipartUploadId ?? ""}&X-Amz-Signature=p`;
  }
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A file whose bytes say where they are, so a misplaced part shows in the assembled object. */
export function patternedFile(name: string, sizeBytes: number, type = "video/mp4", lastModified = 1_700_000_000_000): File {
  const bytes = new Uint8Array(sizeBytes);
  for (let index = 0; index < sizeBytes; index++) bytes[index] = (index * 31 + (index >>> 16)) & 0xff;
  return new File([bytes], name, { type, lastModified });
}
