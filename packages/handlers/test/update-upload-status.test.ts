import { objectKeyOf } from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { handler as Handler } from "../src/functions/update-upload-status.js";
import { DynamoDbUploadTable } from "../src/adapters/dynamodb-upload-table.js";
import { startHandlerEnvironment, TEST_RAW_BUCKET, TEST_TABLE, type HandlerTestEnvironment } from "./support/aws-environment.js";
import { jobStateChangeEvent, objectCreatedEvent } from "./support/lifecycle-events.js";
import { forceStatus, freshUploadId, recordPendingUpload } from "./support/upload-records.js";

let environment: HandlerTestEnvironment;
let handler: typeof Handler;
let table: DynamoDbUploadTable;

beforeAll(async () => {
  environment = await startHandlerEnvironment();
  vi.resetModules();
  ({ handler } = await import("../src/functions/update-upload-status.js"));
  table = new DynamoDbUploadTable(environment.dynamodb, TEST_TABLE);
});

afterAll(async () => {
  await environment?.stop();
});

const completeDetail = (uploadId: string) => {
  const base = uploadId.replace(/\.[a-z0-9]+$/, "");
  return {
    status: "COMPLETE" as const,
    outputGroupDetails: [
      {
        type: "HLS_GROUP",
        playlistFilePaths: [`s3://processed-bucket/vod/${base}/${base}.m3u8`],
        outputDetails: [{ outputFilePaths: [`s3://processed-bucket/vod/${base}/${base}_1080p.m3u8`] }],
      },
    ],
  };
};

describe("S3 Object Created", () => {
  it("moves a pending upload to UPLOADED with the size S3 reports", async () => {
    const { objectKey } = await recordPendingUpload(table);
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, objectKey, 123_456))).toBe("applied");
    expect(await table.get(objectKey)).toMatchObject({ Status: "UPLOADED", StatusRank: 1, SizeBytes: 123_456, Progress: 0 });
  });

  it("delivered twice records one status, the second delivery a quiet no-op", async () => {
    const { objectKey } = await recordPendingUpload(table);
    const event = objectCreatedEvent(TEST_RAW_BUCKET, objectKey, 10);
    expect(await handler(event)).toBe("applied");
    const first = await table.get(objectKey);
    expect(await handler(event)).toBe("refused");
    expect(await table.get(objectKey)).toEqual(first);
  });

  it("ignores keys that are not uploads, and never creates an item for an unknown upload", async () => {
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, "elsewhere/movie.mp4", 1))).toBe("ignored");
    const unknown = objectKeyOf(freshUploadId());
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, unknown, 1))).toBe("refused");
    expect(await table.get(unknown)).toBeUndefined();
  });

  it("arriving after the trigger moved the upload to TRANSCODING leaves it there", async () => {
    const uploadId = freshUploadId();
    await forceStatus(environment.dynamodb, uploadId, { status: "TRANSCODING", progress: 0 });
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, objectKeyOf(uploadId), 5))).toBe("refused");
    expect(await table.get(objectKeyOf(uploadId))).toMatchObject({ Status: "TRANSCODING" });
  });
});

describe("MediaConvert Job State Change", () => {
  it("tracks progress, and STATUS_UPDATE 40% after 60% leaves 60%", async () => {
    const { objectKey } = await recordPendingUpload(table);
    expect(await handler(jobStateChangeEvent(objectKey, { status: "PROGRESSING" }, "job-7"))).toBe("applied");
    expect(await table.get(objectKey)).toMatchObject({ Status: "TRANSCODING", Progress: 0, JobId: "job-7" });
    const update = (percent: number) =>
      handler(jobStateChangeEvent(objectKey, { status: "STATUS_UPDATE", jobProgress: { jobPercentComplete: percent } }));
    expect(await update(60)).toBe("applied");
    expect(await update(40)).toBe("refused");
    expect(await update(60)).toBe("refused");
    expect(await table.get(objectKey)).toMatchObject({ Status: "TRANSCODING", Progress: 60 });
  });

  it("COMPLETE records progress 100 and the master playlist's path under the processed bucket", async () => {
    const { uploadId, objectKey } = await recordPendingUpload(table);
    expect(await handler(jobStateChangeEvent(objectKey, completeDetail(uploadId)))).toBe("applied");
    const base = uploadId.replace(/\.mp4$/, "");
    expect(await table.get(objectKey)).toMatchObject({
      Status: "COMPLETE",
      Progress: 100,
      PlaybackPath: `vod/${base}/${base}.m3u8`,
    });
  });

  it("a late PROGRESSING, STATUS_UPDATE or ERROR after COMPLETE leaves COMPLETE", async () => {
    const { uploadId, objectKey } = await recordPendingUpload(table);
    await handler(jobStateChangeEvent(objectKey, completeDetail(uploadId)));
    const done = await table.get(objectKey);
    expect(await handler(jobStateChangeEvent(objectKey, { status: "PROGRESSING" }))).toBe("refused");
    expect(
      await handler(jobStateChangeEvent(objectKey, { status: "STATUS_UPDATE", jobProgress: { jobPercentComplete: 99 } })),
    ).toBe("refused");
    expect(await handler(jobStateChangeEvent(objectKey, { status: "ERROR", errorCode: 1, errorMessage: "late" }))).toBe(
      "refused",
    );
    expect(await handler(objectCreatedEvent(TEST_RAW_BUCKET, objectKey, 1))).toBe("refused");
    expect(await table.get(objectKey)).toEqual(done);
  });

  it("ERROR records the code and message, and keeps how far the job got", async () => {
    const { objectKey } = await recordPendingUpload(table);
    await handler(jobStateChangeEvent(objectKey, { status: "STATUS_UPDATE", jobProgress: { jobPercentComplete: 30 } }));
    expect(
      await handler(jobStateChangeEvent(objectKey, { status: "ERROR", errorCode: 1010, errorMessage: "Invalid input file" })),
    ).toBe("applied");
    expect(await table.get(objectKey)).toMatchObject({ Status: "ERROR", ErrorMessage: "1010: Invalid input file", Progress: 30 });
    expect(await handler(jobStateChangeEvent(objectKey, completeDetail(objectKey.slice(8))))).toBe("refused");
    expect(await table.get(objectKey)).toMatchObject({ Status: "ERROR" });
  });

  it("CANCELED is an ERROR; states the platform does not track are ignored", async () => {
    const { objectKey } = await recordPendingUpload(table);
    expect(await handler(jobStateChangeEvent(objectKey, { status: "INPUT_INFORMATION" }))).toBe("ignored");
    expect(await table.get(objectKey)).toMatchObject({ Status: "PENDING_UPLOAD" });
    expect(await handler(jobStateChangeEvent(objectKey, { status: "CANCELED" }))).toBe("applied");
    expect(await table.get(objectKey)).toMatchObject({ Status: "ERROR", ErrorMessage: "job canceled" });
  });

  it("ignores jobs that name no upload of ours", async () => {
    const event = jobStateChangeEvent("uploads/x", { status: "PROGRESSING" });
    event.detail.userMetadata = { someoneElse: "yes" };
    expect(await handler(event)).toBe("ignored");
  });
});

describe("malformed events", () => {
  it("fail loudly, naming what is wrong without echoing the event", async () => {
    const error = await handler({ "detail-type": "Object Created", detail: { secret: "s3cr3t" } }).catch((e: unknown) => e);
    // The function module was imported afresh, so its error class is not this file's: compare names.
    expect((error as Error).name).toBe("MalformedEventError");
    expect((error as Error).message).toMatch(/detail\.bucket|detail\.object/);
    expect((error as Error).message).not.toContain("s3cr3t");
  });
});
