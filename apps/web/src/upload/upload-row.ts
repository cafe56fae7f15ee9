import { partCountFor } from "@video-platform/shared-types";
import { accepts, type UploadState, type UploadStateName } from "./upload-machine.js";

/** What the page shows of one picked file. */
export interface UploadRow {
  readonly id: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly state: UploadStateName;
  /** The server's plan, known once it answered. */
  readonly method?: "PUT" | "MULTIPART";
  readonly uploadId?: string;
  readonly bytesSent: number;
  readonly bytesPerSecond?: number;
  readonly secondsLeft?: number;
  /** Parts a resume found already stored, and the number of parts of the upload. */
  readonly storedParts?: number;
  readonly totalParts?: number;
  /** A refusal, the failure that paused the upload, or a cancel the server did not take. */
  readonly error?: string;
  /** What the person can do now: whatever the state machine accepts. */
  readonly can: { readonly pause: boolean; readonly resume: boolean; readonly cancel: boolean };
}

export interface TransferSpeed {
  readonly bytesPerSecond?: number;
  readonly secondsLeft?: number;
}

export function uploadRowOf(id: string, file: Pick<File, "name" | "size">, state: UploadState, speed: TransferSpeed): UploadRow {
  const upload = "upload" in state ? state.upload : undefined;
  const error = "reason" in state ? state.reason : undefined;
  return {
    id,
    fileName: file.name,
    sizeBytes: file.size,
    state: state.name,
    method: upload?.method,
    uploadId: upload?.uploadId,
    bytesSent: state.name === "done" ? file.size : state.bytesSent,
    ...(state.name === "sending" ? speed : {}),
    storedParts: state.storedParts,
    totalParts: upload?.method === "MULTIPART" ? partCountFor(file.size, upload.partSizeBytes) : undefined,
    error,
    can: {
      pause: accepts(state, { type: "PAUSE" }),
      resume: accepts(state, { type: "RESUME", at: 0 }),
      cancel: accepts(state, { type: "CANCEL" }),
    },
  };
}
