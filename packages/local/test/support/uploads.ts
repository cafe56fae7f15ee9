/**
 * The upload flow over plain HTTP, as the web app drives it for a small file: create the upload,
 * send the bytes in its one presigned PUT, then poll the status route until the video is done.
 */
import { CreateUploadResponse, UploadStatusResponse, type UploadStatus } from "@video-platform/shared-types";
import type { SignedInCaller } from "./signed-in.js";

/** The caller's upload of `bytes` as `fileName`, sent in its one presigned PUT; resolves with its id once S3 has it. */
export async function uploadInOnePut(caller: SignedInCaller, fileName: string, bytes: Buffer, contentType = "video/mp4"): Promise<string> {
  const created = await caller.api("/api/uploads", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fileName, contentType, sizeBytes: bytes.length }),
  });
  if (created.status !== 201) throw new Error(`creating ${fileName}: HTTP ${created.status} ${await created.text()}`);
  const upload = CreateUploadResponse.parse(await created.json());
  if (upload.method !== "PUT") throw new Error(`${fileName} should go up in one PUT, not ${upload.method}`);
  const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: new Uint8Array(bytes) });
  if (!put.ok) throw new Error(`uploading ${fileName}: HTTP ${put.status}`);
  return upload.uploadId;
}

export interface FinalStatusOptions {
  /** Every status seen on the way, in the order first seen. */
  readonly seen?: Set<UploadStatus>;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** What to add to the error when the upload does not finish in time (the platform's log). */
  readonly context?: () => string;
}

/** The caller's view of an upload once it is COMPLETE or ERROR, asked for every `intervalMs`. */
export async function finalStatus(caller: SignedInCaller, uploadId: string, options: FinalStatusOptions = {}): Promise<UploadStatusResponse> {
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    const answer = await caller.api(`/api/status/${encodeURIComponent(uploadId)}`);
    if (answer.status !== 200) throw new Error(`status of ${uploadId}: HTTP ${answer.status} ${await answer.text()}`);
    const status = UploadStatusResponse.parse(await answer.json());
    options.seen?.add(status.status);
    if (status.status === "COMPLETE" || status.status === "ERROR") return status;
    if (Date.now() > deadline) throw new Error(`${uploadId} never finished (still ${status.status})\n${options.context?.() ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}
