import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CancelJobCommand, CreateJobCommand, GetJobCommand, MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { startMotoServer, type RunningMotoServer } from "@video-platform/aws-emulator";
import { buildMovieHlsJobSettings, MediaConvertJobStateChangeEvent, MovieHlsLadder } from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMediaConvertStandIn, type RunningMediaConvertStandIn } from "../src/index.js";
import { makeTestClip } from "../src/test-clip.js";

const region = "us-east-1";
const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const ROLE = "arn:aws:iam::123456789012:role/MediaConvertRole";

describe("the MediaConvert stand-in", () => {
  let moto: RunningMotoServer;
  let standIn: RunningMediaConvertStandIn;
  let s3: S3Client;
  let sqs: SQSClient;
  let mediaConvert: MediaConvertClient;
  let queueUrl: string;
  let workDir: string;
  const received: MediaConvertJobStateChangeEvent[] = [];

  beforeAll(async () => {
    moto = await startMotoServer();
    const config = { endpoint: moto.endpoint, region, credentials };
    s3 = new S3Client({ ...config, forcePathStyle: true });
    sqs = new SQSClient(config);
    const eventBridge = new EventBridgeClient(config);
    await s3.send(new CreateBucketCommand({ Bucket: "raw" }));
    await s3.send(new CreateBucketCommand({ Bucket: "processed" }));
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: "job-events" }))).QueueUrl ?? "";
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
    await eventBridge.send(
      new PutRuleCommand({
        Name: "job-events",
        EventPattern: JSON.stringify({ source: ["aws.mediaconvert"], "detail-type": ["MediaConvert Job State Change"] }),
      }),
    );
    await eventBridge.send(
      new PutTargetsCommand({ Rule: "job-events", Targets: [{ Id: "queue", Arn: attributes.Attributes?.QueueArn }] }),
    );
    standIn = await startMediaConvertStandIn({
      s3,
      eventBridge,
      region,
      accountId: "123456789012",
      preset: "ultrafast",
      statusUpdateIntervalMs: 200,
    });
    mediaConvert = new MediaConvertClient({ endpoint: standIn.endpoint, region, credentials });
    workDir = await mkdtemp(join(tmpdir(), "stand-in-test-"));
  });

  afterAll(async () => {
    await standIn?.stop();
    await moto?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  async function drainEvents(jobId: string, until: (event: MediaConvertJobStateChangeEvent) => boolean) {
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      const batch = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const message of batch.Messages ?? []) received.push(MediaConvertJobStateChangeEvent.parse(JSON.parse(message.Body ?? "")));
      const mine = received.filter((event) => event.detail.jobId === jobId);
      if (mine.some(until)) return mine;
    }
    throw new Error(`no final event for job ${jobId}`);
  }

  const settingsFor = (key: string, uuid: string) =>
    buildMovieHlsJobSettings({ fileInput: `s3://raw/${key}`, destination: `s3://processed/vod/${uuid}/` });

  it("transcodes a clip into the MovieHLS ladder, reporting progress and the playlist", async () => {
    const clip = join(workDir, "clip.mp4");
    await makeTestClip(clip, { seconds: 4, width: 640, height: 360 });
    await s3.send(new PutObjectCommand({ Bucket: "raw", Key: "uploads/abc.mp4", Body: await readFile(clip), ContentType: "video/mp4" }));
    const settings = settingsFor("uploads/abc.mp4", "abc");
    const request = {
      Role: ROLE,
      Settings: settings,
      ClientRequestToken: "token-abc",
      UserMetadata: { uploadId: "abc.mp4", fileName: "clip.mp4", platform: "local" },
      StatusUpdateInterval: "SECONDS_10" as const,
    };
    const created = await mediaConvert.send(new CreateJobCommand(request));
    const jobId = created.Job?.Id ?? "";
    expect(jobId).not.toBe("");
    // The same token is the same job, as MediaConvert's idempotency promises.
    const again = await mediaConvert.send(new CreateJobCommand(request));
    expect(again.Job?.Id).toBe(jobId);

    const fetched = await mediaConvert.send(new GetJobCommand({ Id: jobId }));
    expect(fetched.Job?.Settings).toEqual(settings);
    expect(fetched.Job?.UserMetadata).toEqual(request.UserMetadata);
    expect(fetched.Job?.CreatedAt).toBeInstanceOf(Date);

    const events = await drainEvents(jobId, (event) => event.detail.status === "COMPLETE" || event.detail.status === "ERROR");
    const statuses = events.map((event) => event.detail.status);
    expect(statuses[0]).toBe("PROGRESSING");
    expect(statuses.at(-1)).toBe("COMPLETE");
    const percents = events.flatMap((event) => (event.detail.status === "STATUS_UPDATE" ? [event.detail.jobProgress.jobPercentComplete] : []));
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    for (const event of events) expect(event.detail.userMetadata).toEqual(request.UserMetadata);

    const complete = events.at(-1)?.detail;
    if (complete?.status !== "COMPLETE") throw new Error("not complete");
    expect(complete.outputGroupDetails[0]?.playlistFilePaths).toEqual(["s3://processed/vod/abc/abc.m3u8"]);
    const master = await (await s3.send(new GetObjectCommand({ Bucket: "processed", Key: "vod/abc/abc.m3u8" }))).Body?.transformToString();
    for (const rendition of MovieHlsLadder.renditions) {
      expect(master).toContain(`abc${rendition.nameModifier}.m3u8`);
      expect(master).toContain(`RESOLUTION=${rendition.video.Width}x${rendition.video.Height}`);
    }
    const media = await (await s3.send(new GetObjectCommand({ Bucket: "processed", Key: "vod/abc/abc_360p.m3u8" }))).Body?.transformToString();
    expect(media).toContain("abc_360p_00001.ts");
    expect(media).toContain("#EXT-X-ENDLIST");
    const finished = await mediaConvert.send(new GetJobCommand({ Id: jobId }));
    expect(finished.Job?.Status).toBe("COMPLETE");
    expect(finished.Job?.JobPercentComplete).toBe(100);
  }, 180_000);

  it("ends a job on a file that is no video in ERROR with MediaConvert's input error", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "raw", Key: "uploads/text.mp4", Body: "just some words\n", ContentType: "video/mp4" }));
    const created = await mediaConvert.send(
      new CreateJobCommand({ Role: ROLE, Settings: settingsFor("uploads/text.mp4", "text"), UserMetadata: { platform: "local" } }),
    );
    const jobId = created.Job?.Id ?? "";
    const events = await drainEvents(jobId, (event) => event.detail.status === "ERROR" || event.detail.status === "COMPLETE");
    const last = events.at(-1)?.detail;
    if (last?.status !== "ERROR") throw new Error(`expected ERROR, got ${last?.status}`);
    expect(last.errorCode).toBe(1010);
    expect(last.errorMessage).toMatch(/^Unable to open input file \[s3:\/\/raw\/uploads\/text\.mp4\]: .*Invalid data/);
    const fetched = await mediaConvert.send(new GetJobCommand({ Id: jobId }));
    expect(fetched.Job).toMatchObject({ Status: "ERROR", ErrorCode: 1010 });
  }, 60_000);

  it("cancels a running job: ffmpeg stops, no output is written, and CANCELED is the job's last word", async () => {
    const clip = join(workDir, "long.mp4");
    await makeTestClip(clip, { seconds: 40, width: 1280, height: 720 });
    await s3.send(new PutObjectCommand({ Bucket: "raw", Key: "uploads/long.mp4", Body: await readFile(clip), ContentType: "video/mp4" }));
    const created = await mediaConvert.send(
      new CreateJobCommand({ Role: ROLE, Settings: settingsFor("uploads/long.mp4", "long"), UserMetadata: { platform: "local" } }),
    );
    const jobId = created.Job?.Id ?? "";
    // A STATUS_UPDATE comes from ffmpeg's own progress: ffmpeg is running.
    await drainEvents(jobId, (event) => event.detail.status === "STATUS_UPDATE");
    await mediaConvert.send(new CancelJobCommand({ Id: jobId }));

    const events = await drainEvents(jobId, (event) => event.detail.status === "CANCELED");
    expect(events.map((event) => event.detail.status)).not.toContain("COMPLETE");
    expect((await mediaConvert.send(new GetJobCommand({ Id: jobId }))).Job?.Status).toBe("CANCELED");
    await standIn.idle();
    const written = await s3.send(new ListObjectsV2Command({ Bucket: "processed", Prefix: "vod/long/" }));
    expect(written.KeyCount ?? 0).toBe(0);
    await expect(mediaConvert.send(new CancelJobCommand({ Id: jobId }))).rejects.toMatchObject({ name: "ConflictException" });
  }, 120_000);
});
