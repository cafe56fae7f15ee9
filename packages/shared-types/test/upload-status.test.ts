import { describe, expect, it } from "vitest";
import { isStatusChangeAllowed, isTerminal, UPLOAD_STATUSES, type UploadStatus } from "../src/index.js";

const order: Record<UploadStatus, number> = { PENDING_UPLOAD: 0, UPLOADED: 1, TRANSCODING: 2, COMPLETE: 3, ERROR: 3 };

describe("isStatusChangeAllowed over every pair of states", () => {
  for (const from of UPLOAD_STATUSES) {
    for (const to of UPLOAD_STATUSES) {
      const forward = order[to] > order[from] && !isTerminal(from);
      it(`${from} → ${to} is ${forward ? "allowed" : "refused"} at equal progress`, () => {
        expect(isStatusChangeAllowed({ status: from, progress: 10 }, { status: to, progress: 10 })).toBe(forward);
      });
    }
  }
});

describe("progress within a status", () => {
  it("only rises", () => {
    expect(isStatusChangeAllowed({ status: "TRANSCODING", progress: 40 }, { status: "TRANSCODING", progress: 60 })).toBe(true);
    expect(isStatusChangeAllowed({ status: "TRANSCODING", progress: 60 }, { status: "TRANSCODING", progress: 40 })).toBe(false);
    expect(isStatusChangeAllowed({ status: "TRANSCODING", progress: 60 }, { status: "TRANSCODING", progress: 60 })).toBe(false);
  });

  it("never reopens a terminal state, whatever the progress", () => {
    for (const terminal of ["COMPLETE", "ERROR"] as const) {
      for (const to of UPLOAD_STATUSES) {
        expect(isStatusChangeAllowed({ status: terminal, progress: 0 }, { status: to, progress: 100 })).toBe(false);
      }
    }
  });

  it("lets a later status through even with lower progress (a new phase starts at 0)", () => {
    expect(isStatusChangeAllowed({ status: "UPLOADED", progress: 100 }, { status: "TRANSCODING", progress: 0 })).toBe(true);
  });
});
