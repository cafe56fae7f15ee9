import type { CreateUploadResponse } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { itFollowsItsTransitionTable, type TransitionRow } from "./transition-table.js";
import {
  START,
  URL_EXPIRY_MARGIN_MS,
  accepts,
  transition,
  type MultipartRef,
  type Step,
  type UploadMachineEvent,
  type UploadState,
} from "../src/upload/upload-machine.js";

const NOW = Date.parse("2030-01-01T00:00:00.000Z");
const UPLOAD_ID = "0b5c2f7e-3f1a-4c2e-9d7b-1a2b3c4d5e6f.mp4";
const multipart: MultipartRef = { method: "MULTIPART", uploadId: UPLOAD_ID, multipartUploadId: "mpu-1", partSizeBytes: 8 };
const singlePut = {
  method: "PUT" as const,
  uploadId: UPLOAD_ID,
  url: "https://raw.example/uploads/x",
  headers: { "content-type": "video/mp4" },
  expiresAt: new Date(NOW + 15 * 60_000).toISOString(),
};
const multipartAnswer: CreateUploadResponse = {
  method: "MULTIPART",
  uploadId: UPLOAD_ID,
  multipartUploadId: "mpu-1",
  partSizeBytes: 8,
  parts: [{ partNumber: 1, url: "https://raw.example/p1" }],
  expiresAt: singlePut.expiresAt,
};
const retryable = { reason: "The connection dropped while sending the file.", retryable: true };
const refusal = { reason: "contentType must be a video type (video/*)", retryable: false };
const part = (partNumber: number) => ({ partNumber, etag: `"e${partNumber}"`, sizeBytes: 8 });

/** One state of every kind, the variants that decide differently included. */
const STATES = {
  choosing: { name: "choosing", bytesSent: 0 },
  creating: { name: "creating", bytesSent: 0 },
  resuming: { name: "resuming", upload: multipart, bytesSent: 0 },
  "sending PUT": { name: "sending", upload: singlePut, bytesSent: 5 },
  "sending multipart": { name: "sending", upload: multipart, bytesSent: 5, storedParts: 0 },
  completing: { name: "completing", upload: multipart, bytesSent: 20 },
  "paused by the user": { name: "paused", upload: multipart, by: "user", bytesSent: 16 },
  "paused by a failure": { name: "paused", upload: singlePut, by: "failure", reason: retryable.reason, bytesSent: 3 },
  "paused before creation": { name: "paused", by: "failure", reason: "Could not reach the upload service.", bytesSent: 0 },
  "paused by an ended session": { name: "paused", upload: multipart, by: "sign-in", reason: "Your session has ended.", bytesSent: 16 },
  done: { name: "done", upload: singlePut, bytesSent: 20 },
  "failed (refused)": { name: "failed", reason: refusal.reason, bytesSent: 0 },
  "failed (upload left)": { name: "failed", upload: multipart, reason: "parts were refused", bytesSent: 20 },
  aborted: { name: "aborted", upload: multipart, bytesSent: 8 },
} satisfies Record<string, UploadState>;
type StateLabel = keyof typeof STATES;

const EVENTS = {
  NOTHING_TO_RESUME: { type: "NOTHING_TO_RESUME" },
  UNFINISHED_FOUND: { type: "UNFINISHED_FOUND", upload: multipart },
  CREATED: { type: "CREATED", answer: multipartAnswer },
  CREATE_FAILED: { type: "CREATE_FAILED", failure: retryable },
  STORED_PARTS_LISTED: { type: "STORED_PARTS_LISTED", partSizeBytes: 8, stored: [part(1)] },
  UNFINISHED_GONE: { type: "UNFINISHED_GONE" },
  LISTING_FAILED: { type: "LISTING_FAILED", failure: retryable },
  PROGRESS: { type: "PROGRESS", bytesSent: 12 },
  PARTS_SENT: { type: "PARTS_SENT", parts: [{ partNumber: 1, etag: '"e1"' }] },
  PUT_SENT: { type: "PUT_SENT" },
  TRANSFER_FAILED: { type: "TRANSFER_FAILED", failure: retryable },
  COMPLETED: { type: "COMPLETED" },
  COMPLETE_FAILED: { type: "COMPLETE_FAILED", failure: retryable },
  PAUSE: { type: "PAUSE" },
  RESUME: { type: "RESUME", at: NOW },
  CONNECTION_BACK: { type: "CONNECTION_BACK", at: NOW },
  SIGNED_IN_AGAIN: { type: "SIGNED_IN_AGAIN", at: NOW },
  CANCEL: { type: "CANCEL" },
  ABORT_FAILED: { type: "ABORT_FAILED", reason: "The server answered 409" },
} satisfies { [T in UploadMachineEvent["type"]]: Extract<UploadMachineEvent, { type: T }> };
type EventType = keyof typeof EVENTS;

/** Every transition: from, on, to, and the effects it asks for, in order. Nothing else moves. */
const TRANSITIONS: readonly TransitionRow<StateLabel, EventType, UploadState["name"]>[] = [
  ["choosing", "NOTHING_TO_RESUME", "creating", ["createUpload"]],
  ["choosing", "UNFINISHED_FOUND", "resuming", ["listStoredParts"]],
  ["choosing", "CANCEL", "aborted", []],
  ["creating", "CREATED", "sending", ["rememberUnfinished", "announce", "startTransfer"]],
  ["creating", "CREATE_FAILED", "paused", []],
  ["creating", "CANCEL", "aborted", []],
  ["resuming", "STORED_PARTS_LISTED", "sending", ["startTransfer"]],
  ["resuming", "UNFINISHED_GONE", "creating", ["forgetUnfinished", "createUpload"]],
  ["resuming", "LISTING_FAILED", "paused", []],
  ["resuming", "CANCEL", "aborted", ["abortUpload", "forgetUnfinished"]],
  ["sending PUT", "PROGRESS", "sending", []],
  ["sending PUT", "PUT_SENT", "done", ["announce"]],
  ["sending PUT", "TRANSFER_FAILED", "paused", []],
  ["sending PUT", "CANCEL", "aborted", ["stopTransfer", "abortUpload"]],
  ["sending multipart", "PROGRESS", "sending", []],
  ["sending multipart", "PARTS_SENT", "completing", ["completeUpload"]],
  ["sending multipart", "TRANSFER_FAILED", "paused", []],
  ["sending multipart", "PAUSE", "paused", ["stopTransfer"]],
  ["sending multipart", "CANCEL", "aborted", ["stopTransfer", "abortUpload", "forgetUnfinished"]],
  ["completing", "COMPLETED", "done", ["forgetUnfinished", "announce"]],
  ["completing", "COMPLETE_FAILED", "paused", []],
  ["completing", "CANCEL", "aborted", ["abortUpload", "forgetUnfinished"]],
  ["paused by the user", "RESUME", "resuming", ["listStoredParts"]],
  ["paused by the user", "CANCEL", "aborted", ["abortUpload", "forgetUnfinished"]],
  ["paused by a failure", "RESUME", "sending", ["startTransfer"]],
  ["paused by a failure", "CONNECTION_BACK", "sending", ["startTransfer"]],
  ["paused by a failure", "CANCEL", "aborted", ["abortUpload"]],
  ["paused before creation", "RESUME", "creating", ["createUpload"]],
  ["paused before creation", "CONNECTION_BACK", "creating", ["createUpload"]],
  ["paused before creation", "CANCEL", "aborted", []],
  ["paused by an ended session", "RESUME", "resuming", ["listStoredParts"]],
  ["paused by an ended session", "SIGNED_IN_AGAIN", "resuming", ["listStoredParts"]],
  ["paused by an ended session", "CANCEL", "aborted", ["abortUpload", "forgetUnfinished"]],
  ["failed (upload left)", "CANCEL", "aborted", ["abortUpload", "forgetUnfinished"]],
  ["aborted", "CREATED", "aborted", ["abortUpload"]],
  ["aborted", "ABORT_FAILED", "aborted", []],
];

const effectTypes = (step: Step) => step.effects.map((effect) => effect.type);

describe("the upload state machine", () => {
  itFollowsItsTransitionTable({ states: STATES, events: EVENTS, transitions: TRANSITIONS, transition, accepts });

  it("starts every file by looking for an unfinished upload of it", () => {
    expect(START.state.name).toBe("choosing");
    expect(effectTypes(START)).toEqual(["findUnfinished"]);
  });

  it("can be cancelled in every state but done and aborted, and not for a refusal that left nothing", () => {
    const cancellable = Object.entries(STATES)
      .filter(([, state]) => accepts(state, EVENTS.CANCEL))
      .map(([label]) => label);
    const all = Object.keys(STATES);
    expect(all.filter((label) => !cancellable.includes(label))).toEqual(["done", "failed (refused)", "aborted"]);
    for (const label of cancellable) {
      const state = STATES[label as StateLabel];
      const next = transition(state, EVENTS.CANCEL).state;
      expect(next).toMatchObject({ name: "aborted", bytesSent: state.bytesSent });
      expect("upload" in next ? next.upload : undefined).toEqual("upload" in state ? state.upload : undefined);
    }
  });

  it("follows the server's answer: its method, its ids and its cut", () => {
    const step = transition(STATES.creating, EVENTS.CREATED);
    expect(step.state).toEqual({ name: "sending", upload: multipart, bytesSent: 0, storedParts: 0 });
    expect(step.effects).toEqual([
      { type: "rememberUnfinished", upload: multipart },
      { type: "announce", kind: "created", uploadId: UPLOAD_ID },
      { type: "startTransfer", upload: multipart, stored: [], signed: { parts: multipartAnswer.parts, expiresAt: multipartAnswer.expiresAt } },
    ]);
    const put = transition(STATES.creating, { type: "CREATED", answer: singlePut });
    expect(put.state).toEqual({ name: "sending", upload: singlePut, bytesSent: 0 });
    expect(put.effects.at(-1)).toEqual({ type: "startTransfer", upload: singlePut, stored: [] });
  });

  it("resumes from the server's listing, its part size winning over the remembered one", () => {
    const listed: UploadMachineEvent = { type: "STORED_PARTS_LISTED", partSizeBytes: 16, stored: [part(1), part(3)] };
    const step = transition(STATES.resuming, listed);
    const upload = { ...multipart, partSizeBytes: 16 };
    expect(step.state).toEqual({ name: "sending", upload, bytesSent: 16, storedParts: 2 });
    expect(step.effects).toEqual([{ type: "startTransfer", upload, stored: [part(1), part(3)] }]);
  });

  it("pauses on a failure worth retrying and fails on a refusal, keeping the upload either way", () => {
    const sending = STATES["sending multipart"];
    expect(transition(sending, { type: "TRANSFER_FAILED", failure: retryable }).state).toEqual({
      name: "paused",
      upload: multipart,
      by: "failure",
      reason: retryable.reason,
      bytesSent: 5,
      storedParts: 0,
    });
    expect(transition(sending, { type: "TRANSFER_FAILED", failure: refusal }).state).toMatchObject({ name: "failed", upload: multipart, reason: refusal.reason });
    expect(transition(STATES.creating, { type: "CREATE_FAILED", failure: refusal }).state).toEqual({ name: "failed", reason: refusal.reason, bytesSent: 0 });
    const refused = transition(STATES.completing, { type: "COMPLETE_FAILED", failure: refusal });
    expect(refused.state.name).toBe("failed");
    expect(effectTypes(refused)).toEqual(["forgetUnfinished"]);
  });

  it("goes on by itself when the connection is back only if a failure paused it", () => {
    expect(accepts(STATES["paused by a failure"], EVENTS.CONNECTION_BACK)).toBe(true);
    expect(accepts(STATES["paused by the user"], EVENTS.CONNECTION_BACK)).toBe(false);
    expect(accepts(STATES["paused by an ended session"], EVENTS.CONNECTION_BACK)).toBe(false);
  });

  it("waits for the person to sign in again when the API refused the session, keeping the upload", () => {
    const signedOut = { reason: "Your session has ended. Sign in again to go on.", retryable: true, needsSignIn: true };
    for (const [from, event] of [
      [STATES["sending multipart"], { type: "TRANSFER_FAILED", failure: signedOut }],
      [STATES.completing, { type: "COMPLETE_FAILED", failure: signedOut }],
      [STATES.resuming, { type: "LISTING_FAILED", failure: signedOut }],
    ] as const) {
      const step = transition(from, event);
      expect(step.state).toMatchObject({ name: "paused", by: "sign-in", upload: multipart, reason: signedOut.reason });
      expect(step.effects).toEqual([]);
    }
    expect(transition(STATES.creating, { type: "CREATE_FAILED", failure: signedOut }).state).toMatchObject({ name: "paused", by: "sign-in" });
    expect(accepts(STATES["paused by a failure"], EVENTS.SIGNED_IN_AGAIN)).toBe(false);
    expect(accepts(STATES["paused by the user"], EVENTS.SIGNED_IN_AGAIN)).toBe(false);
  });

  it("sends a paused single PUT again on its own URL while fresh, else on a new upload, dropping the stale one", () => {
    const paused = STATES["paused by a failure"];
    const fresh = transition(paused, { type: "RESUME", at: Date.parse(singlePut.expiresAt) - URL_EXPIRY_MARGIN_MS - 1 });
    expect(fresh.state).toEqual({ name: "sending", upload: singlePut, bytesSent: 0 });
    const stale = transition(paused, { type: "RESUME", at: Date.parse(singlePut.expiresAt) - URL_EXPIRY_MARGIN_MS });
    expect(stale.state).toEqual({ name: "creating", bytesSent: 0 });
    expect(stale.effects).toEqual([
      { type: "abortUpload", uploadId: UPLOAD_ID, announce: false },
      { type: "createUpload" },
    ]);
  });

  it("aborts an upload created after the cancel, quietly, and notes a cancel the server refused", () => {
    const late = transition(STATES.aborted, { type: "CREATED", answer: { ...singlePut, uploadId: "1b5c2f7e-3f1a-4c2e-9d7b-1a2b3c4d5e6f.mp4" } });
    expect(late.effects).toEqual([{ type: "abortUpload", uploadId: "1b5c2f7e-3f1a-4c2e-9d7b-1a2b3c4d5e6f.mp4", announce: false }]);
    expect(transition(STATES["sending multipart"], EVENTS.CANCEL).effects).toContainEqual({ type: "abortUpload", uploadId: UPLOAD_ID, announce: true });
    expect(transition(STATES.aborted, EVENTS.ABORT_FAILED).state).toMatchObject({ reason: "Could not cancel on the server: The server answered 409" });
  });

  it("after a reload mid-upload, picks the remembered upload up: lists, sends the rest, completes", () => {
    const run = (events: UploadMachineEvent[]) =>
      events.reduce<{ state: UploadState; log: string[] }>(
        ({ state, log }, event) => {
          const step = transition(state, event);
          return { state: step.state, log: [...log, `${event.type} -> ${step.state.name} ${effectTypes(step).join(",")}`.trim()] };
        },
        { state: START.state, log: [] },
      );
    const { state, log } = run([
      { type: "UNFINISHED_FOUND", upload: multipart },
      { type: "STORED_PARTS_LISTED", partSizeBytes: 8, stored: [part(1), part(2)] },
      { type: "PROGRESS", bytesSent: 24 },
      { type: "PARTS_SENT", parts: [1, 2, 3].map((n) => ({ partNumber: n, etag: `"e${n}"` })) },
      { type: "COMPLETED" },
    ]);
    expect(log).toEqual([
      "UNFINISHED_FOUND -> resuming listStoredParts",
      "STORED_PARTS_LISTED -> sending startTransfer",
      "PROGRESS -> sending",
      "PARTS_SENT -> completing completeUpload",
      "COMPLETED -> done forgetUnfinished,announce",
    ]);
    expect(state).toEqual({ name: "done", upload: multipart, bytesSent: 24, storedParts: 2 });
  });
});
