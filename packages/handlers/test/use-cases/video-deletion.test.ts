import { Logger } from "@aws-lambda-powertools/logger";
import { STATUS_RANK, objectKeyOf, outputPrefixOf, type UploadId } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { InvalidRequestError, UploadNotFoundError } from "../../src/core/upload-errors.js";
import { MovieTranscoding, ORPHANED_FILE_REASON } from "../../src/use-cases/movie-transcoding.js";
import { UploadLifecycle } from "../../src/use-cases/upload-lifecycle.js";
import { VideoDeletion } from "../../src/use-cases/video-deletion.js";
import { ADMIN, OTHER_USER, OWNER } from "../support/callers.js";
import { InMemoryProcessedMedia } from "../support/in-memory/in-memory-processed-media.js";
import { InMemoryRawUploadBucket } from "../support/in-memory/in-memory-raw-bucket.js";
import { InMemoryTranscodingJobs } from "../support/in-memory/in-memory-transcoding-jobs.js";
import { InMemoryUploadTable } from "../support/in-memory/in-memory-upload-table.js";
import { jobStateChangeEvent, objectCreatedEvent } from "../support/lifecycle-events.js";
import { freshUploadId, recordInStatus } from "../support/upload-records.js";
import { ScriptedSourceProbe } from "../support/in-memory/scripted-source-probe.js";
import { TEST_SOURCE, testJobConfig } from "../support/job-config.js";

const logger = new Logger({ serviceName: "test", logLevel: "SILENT" });
const CONFIG = testJobConfig("use-case-test");

/** The deletion use case on in-memory ports, with a video being transcoded: no moto, no network. */
async function platform() {
  const table = new InMemoryUploadTable();
  const raw = new InMemoryRawUploadBucket();
  const processed = new InMemoryProcessedMedia();
  const jobs = new InMemoryTranscodingJobs();
  const probe = new ScriptedSourceProbe();
  const deletion = new VideoDeletion({ table, raw, processed, jobs, logger });

  /** An upload of the owner's whose file arrived and whose job is running, halfway through its output. */
  async function transcodingVideo(ownerId = OWNER.sub): Promise<{ uploadId: UploadId; jobId: string; key: string }> {
    const uploadId = freshUploadId();
    const key = objectKeyOf(uploadId);
    probe.answer(`s3://raw/${key}`, { readable: true, facts: TEST_SOURCE });
    table.put(recordInStatus(uploadId, { status: "UPLOADED", progress: 0 }, ownerId));
    const { url } = await raw.presignPut(key, "video/mp4", 8);
    raw.receive(url, new Uint8Array(8));
    const started = await new MovieTranscoding(table, probe, jobs, raw, CONFIG, logger).start(objectCreatedEvent("raw", key, 8));
    if (started.outcome !== "submitted") throw new Error("no job");
    for (let segment = 1; segment <= 1005; segment++) processed.keys.add(`${outputPrefixOf(uploadId)}seg_${segment}.ts`);
    return { uploadId, jobId: started.jobId, key };
  }
  return { table, raw, processed, jobs, probe, deletion, transcodingVideo };
}

describe("deleting a video", () => {
  it("cancels its running job, deletes its raw file, every processed file and its record", async () => {
    const { table, raw, processed, jobs, deletion, transcodingVideo } = await platform();
    const video = await transcodingVideo();
    const neighbour = `${outputPrefixOf(freshUploadId())}x.ts`;
    processed.keys.add(neighbour);

    expect(await deletion.delete(OWNER, video.uploadId)).toEqual({ uploadId: video.uploadId, deleted: true });
    expect(jobs.stateOf(video.jobId)).toBe("CANCELED");
    expect(raw.objects.has(video.key)).toBe(false);
    expect([...processed.keys]).toEqual([neighbour]);
    expect(await table.get(video.key)).toBeUndefined();
  });

  it("leaves the job's late events and S3's late event without any mark", async () => {
    const { table, raw, probe, deletion, transcodingVideo } = await platform();
    const video = await transcodingVideo();
    await deletion.delete(OWNER, video.uploadId);

    const lifecycle = new UploadLifecycle(table, logger);
    const base = video.uploadId.replace(/\.mp4$/, "");
    for (const event of [
      jobStateChangeEvent(video.key, { status: "STATUS_UPDATE", jobProgress: { jobPercentComplete: 80 } }, video.jobId),
      jobStateChangeEvent(video.key, { status: "CANCELED" }, video.jobId),
      jobStateChangeEvent(
        video.key,
        { status: "COMPLETE", outputGroupDetails: [{ type: "HLS_GROUP", playlistFilePaths: [`s3://processed/vod/${base}/${base}.m3u8`] }] },
        video.jobId,
      ),
      objectCreatedEvent("raw", video.key, 8),
    ]) {
      expect(await lifecycle.record(event)).toBe("refused");
    }
    const jobs = new InMemoryTranscodingJobs();
    expect(await new MovieTranscoding(table, probe, jobs, raw, CONFIG, logger).start(objectCreatedEvent("raw", video.key, 8))).toEqual({
      outcome: "discarded",
      reason: ORPHANED_FILE_REASON,
    });
    expect(jobs.jobs.size).toBe(0);
    expect(await table.get(video.key)).toBeUndefined();
  });

  it("removes a file that lands after its video was deleted (a browser still sending), instead of leaving it to nobody", async () => {
    const { table, raw, probe, deletion } = await platform();
    const uploadId = freshUploadId();
    const key = objectKeyOf(uploadId);
    table.put(recordInStatus(uploadId, { status: "PENDING_UPLOAD", progress: 0 }));
    const { url } = await raw.presignPut(key, "video/mp4", 8);
    await deletion.delete(OWNER, uploadId);

    raw.receive(url, new Uint8Array(8));
    const jobs = new InMemoryTranscodingJobs();
    const outcome = await new MovieTranscoding(table, probe, jobs, raw, CONFIG, logger).start(objectCreatedEvent("raw", key, 8));
    expect(outcome).toEqual({ outcome: "discarded", reason: ORPHANED_FILE_REASON });
    expect(raw.objects.has(key)).toBe(false);
    expect(probe.asked).toEqual([]);
    expect(jobs.jobs.size).toBe(0);
  });

  it("lets an admin delete anyone's video, and a finished job is not cancelled again", async () => {
    const { table, jobs, deletion, transcodingVideo } = await platform();
    const video = await transcodingVideo(OTHER_USER.sub);
    jobs.finish(video.jobId);
    await table.applyStatusChange(video.key, { status: "COMPLETE", progress: 100, playbackPath: "vod/x/x.m3u8" });
    expect(await deletion.delete(ADMIN, video.uploadId)).toEqual({ uploadId: video.uploadId, deleted: true });
    expect(jobs.stateOf(video.jobId)).toBe("COMPLETE");
    expect(await table.get(video.key)).toBeUndefined();
  });

  it("aborts the multipart upload of a video still waiting for its file", async () => {
    const { table, raw, deletion } = await platform();
    const uploadId = freshUploadId("mkv");
    const key = objectKeyOf(uploadId);
    const multipartUploadId = await raw.startMultipart(key, "video/x-matroska");
    const [part] = await raw.presignParts(key, multipartUploadId, [{ partNumber: 1, sizeBytes: 4 }]);
    raw.receive(part!.url, new Uint8Array(4));
    const pending = recordInStatus(uploadId, { status: "PENDING_UPLOAD", progress: 0 });
    table.put({ ...pending, UploadMethod: "MULTIPART", MultipartUploadId: multipartUploadId, PartSizeBytes: 8 * 1024 * 1024, PartCount: 1 });
    expect(pending.StatusRank).toBe(STATUS_RANK.PENDING_UPLOAD);

    await deletion.delete(OWNER, uploadId);
    await expect(raw.listParts(key, multipartUploadId)).rejects.toThrow();
    expect(await table.get(key)).toBeUndefined();
  });

  it("tells someone else the video does not exist, exactly as for one that does not, and touches nothing", async () => {
    const { table, raw, processed, jobs, deletion, transcodingVideo } = await platform();
    const video = await transcodingVideo();
    const refusal = await deletion.delete(OTHER_USER, video.uploadId).catch((error: unknown) => error);
    const missingId = freshUploadId();
    const missing = await deletion.delete(OTHER_USER, missingId).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UploadNotFoundError);
    expect(missing).toBeInstanceOf(UploadNotFoundError);
    expect((refusal as Error).message.replace(video.uploadId, "<id>")).toBe((missing as Error).message.replace(missingId, "<id>"));
    expect(jobs.stateOf(video.jobId)).toBe("RUNNING");
    expect(raw.objects.has(video.key)).toBe(true);
    expect(processed.keys.size).toBe(1005);
    expect(await table.get(video.key)).toMatchObject({ Status: "TRANSCODING" });
  });

  it("refuses an id that is not an upload id", async () => {
    const { deletion } = await platform();
    await expect(deletion.delete(OWNER, "../../etc/passwd")).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(deletion.delete(OWNER, undefined)).rejects.toBeInstanceOf(InvalidRequestError);
  });
});
