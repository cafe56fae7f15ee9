import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import type { RunningMediaConvertStandIn } from "@video-platform/mediaconvert-stand-in";
import { ApiErrorBody, DeleteVideoResponse, STATUS_API_ROUTES, objectKeyOf, outputPrefixOf, type Caller } from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { handler as Handler } from "../src/functions/delete-video.js";
import type { handler as TriggerHandler } from "../src/functions/trigger-media-convert.js";
import type { handler as UpdateHandler } from "../src/functions/update-upload-status.js";
import { DynamoDbUploadTable } from "../src/adapters/dynamodb-upload-table.js";
import { apiEvent, reply } from "./support/api-events.js";
import {
  startTranscodingEnvironment,
  TEST_PROCESSED_BUCKET as PROCESSED_BUCKET,
  TEST_RAW_BUCKET,
  TEST_TABLE,
  type TranscodingTestEnvironment,
} from "./support/aws-environment.js";
import { ADMIN, OTHER_USER, OWNER } from "./support/callers.js";
import { testJobEnvironment } from "./support/job-config.js";
import { jobStateChangeEvent, objectCreatedEvent } from "./support/lifecycle-events.js";
import { putSource } from "./support/source-files.js";
import { forceStatus, freshUploadId } from "./support/upload-records.js";

/** More than one page of S3's listing (1,000 keys): deletion must page. */
const PROCESSED_OBJECTS = 1_003;

let environment: TranscodingTestEnvironment;
let mediaconvert: RunningMediaConvertStandIn;
let handler: typeof Handler;
let trigger: typeof TriggerHandler;
let update: typeof UpdateHandler;
let table: DynamoDbUploadTable;

beforeAll(async () => {
  // The trigger probes the raw object first: the stand-in's Probe reads it from moto's S3.
  environment = await startTranscodingEnvironment(testJobEnvironment("delete-test", PROCESSED_BUCKET));
  ({ mediaconvert } = environment);
  vi.resetModules();
  ({ handler } = await import("../src/functions/delete-video.js"));
  ({ handler: trigger } = await import("../src/functions/trigger-media-convert.js"));
  ({ handler: update } = await import("../src/functions/update-upload-status.js"));
  table = new DynamoDbUploadTable(environment.dynamodb, TEST_TABLE);
});

afterAll(async () => {
  await environment?.stop();
});

const callDelete = async (uploadId: string, caller: Caller | null = OWNER) =>
  reply(await handler(apiEvent(STATUS_API_ROUTES.deleteVideo, { pathParameters: { uploadId }, caller })));

async function keysUnder(bucket: string, prefix: string): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await environment.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    count += page.KeyCount ?? 0;
    token = page.NextContinuationToken;
  } while (token !== undefined);
  return count;
}

/** An upload whose file arrived and whose job the trigger submitted; `objects` processed files written so far. */
async function videoInTranscoding(ownerId: string, objects: number) {
  const uploadId = freshUploadId();
  const key = objectKeyOf(uploadId);
  await forceStatus(environment.dynamodb, uploadId, { status: "UPLOADED", progress: 0 }, ownerId);
  const size = await putSource(environment.s3, TEST_RAW_BUCKET, key, "landscape");
  const started = (await trigger(objectCreatedEvent(TEST_RAW_BUCKET, key, size))) as { outcome: string; jobId: string };
  expect(started.outcome).toBe("submitted");
  const prefix = outputPrefixOf(uploadId);
  for (let first = 0; first < objects; first += 50) {
    const batch = Array.from({ length: Math.min(50, objects - first) }, (_, index) => first + index);
    await Promise.all(
      batch.map((n) => environment.s3.send(new PutObjectCommand({ Bucket: PROCESSED_BUCKET, Key: `${prefix}seg_${n}.ts`, Body: "x" }))),
    );
  }
  return { uploadId, key, prefix, size, jobId: started.jobId };
}

describe("DELETE /api/videos/{uploadId}", () => {
  it("cancels the running job and removes the raw file, every processed file (over a page) and the record", async () => {
    const video = await videoInTranscoding(OWNER.sub, PROCESSED_OBJECTS);
    expect(await keysUnder(PROCESSED_BUCKET, video.prefix)).toBe(PROCESSED_OBJECTS);

    const answer = await callDelete(video.uploadId);
    expect(answer.status).toBe(200);
    expect(DeleteVideoResponse.parse(answer.body)).toEqual({ uploadId: video.uploadId, deleted: true });
    expect(mediaconvert.jobs().find((job) => job.Id === video.jobId)?.Status).toBe("CANCELED");
    expect(mediaconvert.received.filter((call) => call.operation === "CancelJob")).toEqual([
      { operation: "CancelJob", input: {} },
    ]);
    await expect(environment.s3.send(new HeadObjectCommand({ Bucket: TEST_RAW_BUCKET, Key: video.key }))).rejects.toThrow();
    expect(await keysUnder(PROCESSED_BUCKET, video.prefix)).toBe(0);
    expect(await table.get(video.key)).toBeUndefined();

    // The job's late events, delivered after the deletion, change nothing: no record comes back.
    expect(await update(jobStateChangeEvent(video.key, { status: "CANCELED" }, video.jobId))).toBe("refused");
    expect(await update(jobStateChangeEvent(video.key, { status: "STATUS_UPDATE", jobProgress: { jobPercentComplete: 90 } }, video.jobId))).toBe(
      "refused",
    );
    expect(await update(objectCreatedEvent(TEST_RAW_BUCKET, video.key, video.size))).toBe("refused");
    // S3's late event starts no job: the file is no one's, and (already gone) stays gone.
    const callsBefore = mediaconvert.received.length;
    expect(await trigger(objectCreatedEvent(TEST_RAW_BUCKET, video.key, video.size))).toMatchObject({ outcome: "discarded" });
    expect(mediaconvert.received.length).toBe(callsBefore);
    expect(await table.get(video.key)).toBeUndefined();
    // Asking again finds nothing.
    expect((await callDelete(video.uploadId)).status).toBe(404);
  });

  it("lets an admin delete someone else's video", async () => {
    const video = await videoInTranscoding(OTHER_USER.sub, 3);
    expect((await callDelete(video.uploadId, ADMIN)).status).toBe(200);
    expect(await table.get(video.key)).toBeUndefined();
    expect(await keysUnder(PROCESSED_BUCKET, video.prefix)).toBe(0);
  });

  it("answers someone else 404 exactly as for a missing video, an anonymous call 401, a bad id 400, and deletes nothing", async () => {
    const video = await videoInTranscoding(OWNER.sub, 2);
    const someoneElses = await callDelete(video.uploadId, OTHER_USER);
    const missingId = freshUploadId();
    const missing = await callDelete(missingId, OTHER_USER);
    expect(someoneElses.status).toBe(404);
    expect(JSON.stringify(someoneElses.body).replace(video.uploadId, "<id>")).toBe(JSON.stringify(missing.body).replace(missingId, "<id>"));

    const anonymous = await callDelete(video.uploadId, null);
    expect(anonymous.status).toBe(401);
    expect(ApiErrorBody.parse(anonymous.body).error.code).toBe("UNAUTHENTICATED");

    const malformed = await callDelete("not-an-upload", OWNER);
    expect(malformed.status).toBe(400);
    expect(ApiErrorBody.parse(malformed.body).error.field).toBe("uploadId");

    expect(await table.get(video.key)).toMatchObject({ Status: "TRANSCODING" });
    expect(await keysUnder(PROCESSED_BUCKET, video.prefix)).toBe(2);
    expect(mediaconvert.jobs().find((job) => job.Id === video.jobId)?.Status).toBe("SUBMITTED");
  });
});
