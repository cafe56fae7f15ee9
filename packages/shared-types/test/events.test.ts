import { describe, expect, it } from "vitest";
import { MediaConvertJobStateChangeEvent, UploadLifecycleEvent } from "../src/index.js";

const envelope = { id: "e1", time: "2026-11-25T10:00:00Z", region: "eu-west-1", account: "123456789012" };

describe("UploadLifecycleEvent", () => {
  it("reads an S3 Object Created event from EventBridge", () => {
    const event = UploadLifecycleEvent.parse({
      ...envelope,
      "detail-type": "Object Created",
      source: "aws.s3",
      detail: {
        version: "0",
        bucket: { name: "raw" },
        object: { key: "uploads/a.mp4", size: 42, etag: "abc", sequencer: "00" },
        reason: "PutObject",
      },
    });
    expect(event["detail-type"] === "Object Created" && event.detail.object.size).toBe(42);
  });

  it("reads each MediaConvert job state the platform acts on", () => {
    const job = (detail: object) =>
      MediaConvertJobStateChangeEvent.parse({
        ...envelope,
        "detail-type": "MediaConvert Job State Change",
        source: "aws.mediaconvert",
        detail: { jobId: "j1", userMetadata: { uploadId: "a.mp4" }, ...detail },
      });
    expect(job({ status: "STATUS_UPDATE", jobProgress: { jobPercentComplete: 40 } }).detail).toMatchObject({
      status: "STATUS_UPDATE",
      jobProgress: { jobPercentComplete: 40 },
    });
    expect(job({ status: "ERROR", errorCode: 1010, errorMessage: "bad input" }).detail).toMatchObject({ errorCode: 1010 });
    expect(
      job({ status: "COMPLETE", outputGroupDetails: [{ type: "HLS_GROUP", playlistFilePaths: ["s3://p/vod/a/a.m3u8"] }] })
        .detail.status,
    ).toBe("COMPLETE");
    expect(job({ status: "INPUT_INFORMATION" }).detail.status).toBe("INPUT_INFORMATION");
    expect(() => job({ status: "STATUS_UPDATE" })).toThrow();
  });
});
