import type { CreateUploadResponse, SinglePutUpload } from "@video-platform/shared-types";

/**
 * The life of one picked file, as one pure transition function: it decides every state change
 * and returns the effects (HTTP calls, transfers, storage) as data for the uploader to run. A
 * late answer (an upload created after a cancel, progress after a pause) meets the state it
 * finds and is handled there, so no caller checks for races.
 */

/** A multipart upload on the server, as far as sending and resuming it needs. */
export interface MultipartRef {
  readonly method: "MULTIPART";
  readonly uploadId: string;
  readonly multipartUploadId: string;
  readonly partSizeBytes: number;
}

/** What the server created for this file: its method and part size are the plan the app follows. */
export type ServerUpload = SinglePutUpload | MultipartRef;

export interface StoredPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly sizeBytes: number;
}

export interface CompletedPart {
  readonly partNumber: number;
  readonly etag: string;
}

/** Why something stopped, in the words shown next to the file, and whether trying again can help. */
export interface Failure {
  readonly reason: string;
  readonly retryable: boolean;
  /** The API refused the session (401): the upload waits for the person to sign in again. */
  readonly needsSignIn?: boolean;
}

/** Shown in every state: bytes the bucket has (or is receiving), and whole parts a resume found. */
interface Progress {
  readonly bytesSent: number;
  readonly storedParts?: number;
}

export type UploadState = Progress &
  (
    | { readonly name: "choosing" }
    | { readonly name: "creating" }
    | { readonly name: "resuming"; readonly upload: MultipartRef }
    | { readonly name: "sending"; readonly upload: ServerUpload }
    | { readonly name: "completing"; readonly upload: MultipartRef }
    | {
        readonly name: "paused";
        readonly upload?: ServerUpload;
        /**
         * Paused by the person (resumed only by them), by a failure (also resumed when back
         * online) or by the session ending (also resumed when they sign in again).
         */
        readonly by: "user" | "failure" | "sign-in";
        readonly reason?: string;
      }
    | { readonly name: "done"; readonly upload: ServerUpload }
    | { readonly name: "failed"; readonly upload?: ServerUpload; readonly reason: string }
    | { readonly name: "aborted"; readonly upload?: ServerUpload; readonly reason?: string }
  );

export type UploadStateName = UploadState["name"];

const ENDED: ReadonlySet<UploadStateName> = new Set(["done", "failed", "aborted"]);

/** Done, failed or cancelled: the file is sent no more (a failed one can still be cancelled). */
export function hasEnded(name: UploadStateName): boolean {
  return ENDED.has(name);
}

export type UploadMachineEvent =
  | { readonly type: "NOTHING_TO_RESUME" }
  | { readonly type: "UNFINISHED_FOUND"; readonly upload: MultipartRef }
  | { readonly type: "CREATED"; readonly answer: CreateUploadResponse }
  | { readonly type: "CREATE_FAILED"; readonly failure: Failure }
  | { readonly type: "STORED_PARTS_LISTED"; readonly partSizeBytes: number; readonly stored: readonly StoredPart[] }
  | { readonly type: "UNFINISHED_GONE" }
  | { readonly type: "LISTING_FAILED"; readonly failure: Failure }
  | { readonly type: "PROGRESS"; readonly bytesSent: number }
  | { readonly type: "PARTS_SENT"; readonly parts: readonly CompletedPart[] }
  | { readonly type: "PUT_SENT" }
  | { readonly type: "TRANSFER_FAILED"; readonly failure: Failure }
  | { readonly type: "COMPLETED" }
  | { readonly type: "COMPLETE_FAILED"; readonly failure: Failure }
  | { readonly type: "PAUSE" }
  | { readonly type: "RESUME"; readonly at: number }
  | { readonly type: "CONNECTION_BACK"; readonly at: number }
  | { readonly type: "SIGNED_IN_AGAIN"; readonly at: number }
  | { readonly type: "CANCEL" }
  | { readonly type: "ABORT_FAILED"; readonly reason: string };

export type UploadEffect =
  | { readonly type: "findUnfinished" }
  | { readonly type: "createUpload" }
  | { readonly type: "listStoredParts"; readonly upload: MultipartRef }
  | { readonly type: "rememberUnfinished"; readonly upload: MultipartRef }
  | { readonly type: "forgetUnfinished" }
  | {
      readonly type: "startTransfer";
      readonly upload: ServerUpload;
      readonly stored: readonly StoredPart[];
      /** Part URLs that came with the upload, so the first parts need no signing round trip. */
      readonly signed?: { readonly parts: readonly { partNumber: number; url: string }[]; readonly expiresAt: string };
    }
  | { readonly type: "stopTransfer" }
  | { readonly type: "completeUpload"; readonly upload: MultipartRef; readonly parts: readonly CompletedPart[] }
  /** `announce`: the person cancelled, so the page hears of it once the server agreed. */
  | { readonly type: "abortUpload"; readonly uploadId: string; readonly announce: boolean }
  | { readonly type: "announce"; readonly kind: "created" | "uploaded"; readonly uploadId: string };

export interface Step {
  readonly state: UploadState;
  readonly effects: readonly UploadEffect[];
}

/** A single-PUT URL this close to expiry is not used again: the PUT could fail halfway. */
export const URL_EXPIRY_MARGIN_MS = 60_000;

/** Where every picked file starts: look for an unfinished upload of it from an earlier visit. */
export const START: Step = { state: { name: "choosing", bytesSent: 0 }, effects: [{ type: "findUnfinished" }] };

/** The one place that decides: an event a state does not expect leaves it as it is. */
export function transition(state: UploadState, event: UploadMachineEvent): Step {
  return decide(state, event) ?? { state, effects: [] };
}

/** Whether `event` means anything in `state`; the page offers pause, resume and cancel by it. */
export function accepts(state: UploadState, event: UploadMachineEvent): boolean {
  return decide(state, event) !== undefined;
}

function decide(state: UploadState, event: UploadMachineEvent): Step | undefined {
  if (event.type === "CANCEL") return cancel(state);
  const { bytesSent, storedParts } = state;
  switch (state.name) {
    case "choosing":
      if (event.type === "NOTHING_TO_RESUME") return { state: { name: "creating", bytesSent }, effects: [{ type: "createUpload" }] };
      if (event.type === "UNFINISHED_FOUND") return resume(event.upload, bytesSent);
      return undefined;
    case "creating":
      if (event.type === "CREATED") return created(event.answer);
      if (event.type === "CREATE_FAILED") return stopped(event.failure, undefined, 0);
      return undefined;
    case "resuming":
      if (event.type === "STORED_PARTS_LISTED") {
        // The server's listing states the cut; it wins over what this browser remembered.
        const upload = { ...state.upload, partSizeBytes: event.partSizeBytes };
        const stored = event.stored.reduce((sum, part) => sum + part.sizeBytes, 0);
        return {
          state: { name: "sending", upload, bytesSent: stored, storedParts: event.stored.length },
          effects: [{ type: "startTransfer", upload, stored: event.stored }],
        };
      }
      if (event.type === "UNFINISHED_GONE") {
        return { state: { name: "creating", bytesSent: 0 }, effects: [{ type: "forgetUnfinished" }, { type: "createUpload" }] };
      }
      if (event.type === "LISTING_FAILED") return stopped(event.failure, state.upload, bytesSent, storedParts);
      return undefined;
    case "sending":
      if (event.type === "PROGRESS") return { state: { ...state, bytesSent: event.bytesSent }, effects: [] };
      if (event.type === "TRANSFER_FAILED") return stopped(event.failure, state.upload, bytesSent, storedParts);
      if (state.upload.method === "PUT") {
        if (event.type === "PUT_SENT") {
          const { upload } = state;
          return { state: { name: "done", upload, bytesSent }, effects: [{ type: "announce", kind: "uploaded", uploadId: upload.uploadId }] };
        }
        return undefined;
      }
      if (event.type === "PARTS_SENT") {
        const upload = state.upload;
        return { state: { name: "completing", upload, bytesSent, storedParts }, effects: [{ type: "completeUpload", upload, parts: event.parts }] };
      }
      if (event.type === "PAUSE") {
        return { state: { name: "paused", upload: state.upload, by: "user", bytesSent, storedParts }, effects: [{ type: "stopTransfer" }] };
      }
      return undefined;
    case "completing":
      if (event.type === "COMPLETED") {
        const { upload } = state;
        return {
          state: { name: "done", upload, bytesSent, storedParts },
          effects: [{ type: "forgetUnfinished" }, { type: "announce", kind: "uploaded", uploadId: upload.uploadId }],
        };
      }
      if (event.type === "COMPLETE_FAILED") {
        const next = stopped(event.failure, state.upload, bytesSent, storedParts);
        // Refused for good (parts wrong, upload gone): nothing left for a later visit to resume.
        return event.failure.retryable ? next : { ...next, effects: [{ type: "forgetUnfinished" }] };
      }
      return undefined;
    case "paused":
      if (
        event.type === "RESUME" ||
        (event.type === "CONNECTION_BACK" && state.by === "failure") ||
        (event.type === "SIGNED_IN_AGAIN" && state.by === "sign-in")
      ) {
        return resumeAfterPause(state.upload, event.at, bytesSent);
      }
      return undefined;
    case "aborted":
      if (event.type === "CREATED") {
        // Created while being cancelled: nothing may be left behind.
        return { state, effects: [{ type: "abortUpload", uploadId: event.answer.uploadId, announce: false }] };
      }
      if (event.type === "ABORT_FAILED") return { state: { ...state, reason: `Could not cancel on the server: ${event.reason}` }, effects: [] };
      return undefined;
    case "failed":
    case "done":
      return undefined;
    default:
      return unknownState(state);
  }
}

/** Makes a state added to the union without a case here a compile error. */
function unknownState(state: never): never {
  throw new Error(`Unknown upload state ${JSON.stringify(state)}`);
}

function created(answer: CreateUploadResponse): Step {
  const announce: UploadEffect = { type: "announce", kind: "created", uploadId: answer.uploadId };
  if (answer.method === "PUT") {
    return { state: { name: "sending", upload: answer, bytesSent: 0 }, effects: [announce, { type: "startTransfer", upload: answer, stored: [] }] };
  }
  const upload: MultipartRef = {
    method: "MULTIPART",
    uploadId: answer.uploadId,
    multipartUploadId: answer.multipartUploadId,
    partSizeBytes: answer.partSizeBytes,
  };
  return {
    state: { name: "sending", upload, bytesSent: 0, storedParts: 0 },
    effects: [
      { type: "rememberUnfinished", upload },
      announce,
      { type: "startTransfer", upload, stored: [], signed: { parts: answer.parts, expiresAt: answer.expiresAt } },
    ],
  };
}

function resume(upload: MultipartRef, bytesSent: number, storedParts?: number): Step {
  return { state: { name: "resuming", upload, bytesSent, storedParts }, effects: [{ type: "listStoredParts", upload }] };
}

/** Multipart goes on from the parts the bucket holds; a single PUT starts over, on a fresh URL when its own is stale. */
function resumeAfterPause(upload: ServerUpload | undefined, at: number, bytesSent: number): Step {
  if (upload?.method === "MULTIPART") return resume(upload, bytesSent);
  if (upload !== undefined && Date.parse(upload.expiresAt) - URL_EXPIRY_MARGIN_MS > at) {
    return { state: { name: "sending", upload, bytesSent: 0 }, effects: [{ type: "startTransfer", upload, stored: [] }] };
  }
  const dropStale: UploadEffect[] = upload === undefined ? [] : [{ type: "abortUpload", uploadId: upload.uploadId, announce: false }];
  return { state: { name: "creating", bytesSent: 0 }, effects: [...dropStale, { type: "createUpload" }] };
}

/**
 * A failure worth another try pauses (stored parts are kept), until the person signs in again
 * when the session was refused; a refusal ends the upload.
 */
function stopped(failure: Failure, upload: ServerUpload | undefined, bytesSent: number, storedParts?: number): Step {
  const by = failure.needsSignIn === true ? "sign-in" : "failure";
  const state: UploadState = failure.retryable
    ? { name: "paused", upload, by, reason: failure.reason, bytesSent, storedParts }
    : { name: "failed", upload, reason: failure.reason, bytesSent, storedParts };
  return { state, effects: [] };
}

function cancel(state: UploadState): Step | undefined {
  if (state.name === "done" || state.name === "aborted") return undefined;
  const upload = "upload" in state ? state.upload : undefined;
  // A refusal left nothing on the server: there is nothing to cancel.
  if (state.name === "failed" && upload === undefined) return undefined;
  const effects: UploadEffect[] = [];
  if (state.name === "sending") effects.push({ type: "stopTransfer" });
  if (upload !== undefined) effects.push({ type: "abortUpload", uploadId: upload.uploadId, announce: true });
  if (upload?.method === "MULTIPART") effects.push({ type: "forgetUnfinished" });
  return { state: { name: "aborted", upload, bytesSent: state.bytesSent, storedParts: state.storedParts }, effects };
}
