import type { MediaConvertJobStateChangeEvent } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { decideLifecycleChange, playbackPathOf } from "../../src/core/status-change.js";
import { jobStateChangeEvent, objectCreatedEvent } from "../support/lifecycle-events.js";

const uuid = "0b9f6c1e-3c3a-4c43-9a8e-2f0d8f1f6a11";
const key = `uploads/${uuid}.mp4`;

describe("decideLifecycleChange", () => {
  it("S3 Object Created → UPLOADED with the size, for upload keys only", () => {
    expect(decideLifecycleChange(objectCreatedEvent("raw", key, 99))).toEqual({
      kind: "apply",
      uploadId: `${uuid}.mp4`,
      change: { status: "UPLOADED", progress: 0, sizeBytes: 99 },
    });
    expect(decideLifecycleChange(objectCreatedEvent("raw", `${uuid}.mp4`, 1)).kind).toBe("ignore");
    expect(decideLifecycleChange(objectCreatedEvent("raw", "uploads/movie.mp4", 1)).kind).toBe("ignore");
  });

  it.each([
    [{ status: "PROGRESSING" }, { status: "TRANSCODING", progress: 0, jobId: "job-1" }],
    [{ status: "STATUS_UPDATE", jobProgress: { jobPercentComplete: 37 } }, { status: "TRANSCODING", progress: 37, jobId: "job-1" }],
    [{ status: "ERROR", errorCode: 1030, errorMessage: "Unsupported codec" }, { status: "ERROR", jobId: "job-1", errorMessage: "1030: Unsupported codec" }],
    [{ status: "CANCELED" }, { status: "ERROR", jobId: "job-1", errorMessage: "job canceled" }],
  ] as const)("job %o → %o", (detail, change) => {
    expect(decideLifecycleChange(jobStateChangeEvent(key, detail))).toEqual({ kind: "apply", uploadId: `${uuid}.mp4`, change });
  });

  it.each(["SUBMITTED", "INPUT_INFORMATION", "NEW_WARNING", "QUEUE_HOP"] as const)("ignores job status %s", (status) => {
    expect(decideLifecycleChange(jobStateChangeEvent(key, { status })).kind).toBe("ignore");
  });

  it("COMPLETE → COMPLETE at 100% with the playlist path; without a playlist it is an ERROR", () => {
    const complete = jobStateChangeEvent(key, {
      status: "COMPLETE",
      outputGroupDetails: [{ type: "HLS_GROUP", playlistFilePaths: [`s3://processed/vod/${uuid}/${uuid}.m3u8`] }],
    });
    expect(decideLifecycleChange(complete)).toEqual({
      kind: "apply",
      uploadId: `${uuid}.mp4`,
      change: { status: "COMPLETE", progress: 100, jobId: "job-1", playbackPath: `vod/${uuid}/${uuid}.m3u8` },
    });
    const empty = jobStateChangeEvent(key, { status: "COMPLETE", outputGroupDetails: [{ type: "HLS_GROUP" }] });
    expect(decideLifecycleChange(empty)).toMatchObject({ kind: "apply", change: { status: "ERROR" } });
  });
});

describe("playbackPathOf", () => {
  type Complete = Extract<MediaConvertJobStateChangeEvent["detail"], { status: "COMPLETE" }>;
  const detail = (groups: Complete["outputGroupDetails"]): Complete => ({
    status: "COMPLETE",
    jobId: "j",
    userMetadata: {},
    outputGroupDetails: groups,
  });

  it("prefers the HLS group's master playlist and strips the bucket", () => {
    expect(
      playbackPathOf(
        detail([
          { type: "FILE_GROUP", playlistFilePaths: ["s3://b/other/x.m3u8"] },
          { type: "HLS_GROUP", playlistFilePaths: ["s3://processed-bucket/vod/a/a.m3u8"] },
        ]),
      ),
    ).toBe("vod/a/a.m3u8");
  });

  it("finds nothing in groups without a playlist", () => {
    expect(playbackPathOf(detail([{ type: "HLS_GROUP", playlistFilePaths: [] }]))).toBeUndefined();
  });
});
