import { CreateJobCommand, GetJobCommand, MediaConvertClient, type CreateJobCommandInput } from "@aws-sdk/client-mediaconvert";
import { buildMovieHlsJobSettings, MovieHlsLadder } from "@video-platform/shared-types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  recordingJobRunner,
  startMediaConvertStandIn,
  type RecordingJobRunner,
  type RunnableJob,
  type RunningMediaConvertStandIn,
} from "../src/index.js";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const ROLE = "arn:aws:iam::123456789012:role/MediaConvertRole";

/** A scripted run: jobs whose metadata says `outcome: complete` progress and complete; others stay SUBMITTED. */
function scriptFor(job: RunnableJob) {
  if (job.userMetadata["outcome"] !== "complete") return [];
  return [
    { status: "PROGRESSING" as const },
    { status: "STATUS_UPDATE" as const, jobPercentComplete: 40, currentPhase: "TRANSCODING" },
    { status: "COMPLETE" as const, masterPlaylistUrl: "s3://processed/vod/a/a.m3u8", renditions: [] },
  ];
}

describe("the stand-in with a recording runner (no ffmpeg, no S3)", () => {
  let runner: RecordingJobRunner;
  let standIn: RunningMediaConvertStandIn;
  let mediaConvert: MediaConvertClient;

  beforeAll(async () => {
    runner = recordingJobRunner(scriptFor);
    standIn = await startMediaConvertStandIn({ runner, region: "eu-west-1", accountId: "111122223333" });
    mediaConvert = new MediaConvertClient({ endpoint: standIn.endpoint, region: "eu-west-1", credentials });
  });

  afterAll(async () => {
    mediaConvert?.destroy();
    await standIn?.stop();
  });

  afterEach(() => {
    standIn.received.length = 0;
  });

  const request = (key: string, extra: Partial<CreateJobCommandInput> = {}): CreateJobCommandInput => ({
    Role: ROLE,
    JobTemplate: "MovieHLS",
    Settings: buildMovieHlsJobSettings({ fileInput: `s3://raw/uploads/${key}.mp4`, destination: `s3://processed/vod/${key}/` }),
    StatusUpdateInterval: MovieHlsLadder.statusUpdateInterval,
    UserMetadata: { uploadId: `${key}.mp4` },
    ...extra,
  });

  it("records each call in the SDK's member names and hands the job, planned, to the runner", async () => {
    const sent = request("first", { ClientRequestToken: "token-first" });
    const created = await mediaConvert.send(new CreateJobCommand(sent));
    expect(created.Job).toMatchObject({ Status: "SUBMITTED", Role: ROLE, JobTemplate: "MovieHLS", ClientRequestToken: "token-first" });
    expect(created.Job?.Arn).toBe(`arn:aws:mediaconvert:eu-west-1:111122223333:jobs/${created.Job?.Id}`);

    expect(standIn.received).toHaveLength(1);
    expect(standIn.received[0]).toEqual({ operation: "CreateJob", input: JSON.parse(JSON.stringify(sent)) });
    await standIn.idle();
    const ran = runner.jobs.find((job) => job.id === created.Job?.Id);
    expect(ran?.plan).toMatchObject({ input: { bucket: "raw", key: "uploads/first.mp4" }, baseName: "first" });
    expect(ran?.plan.renditions).toHaveLength(MovieHlsLadder.renditions.length);
    // MovieHLS asks for SECONDS_10; nothing overrides it here.
    expect(ran?.statusUpdateIntervalMs).toBe(10_000);
    expect(ran?.userMetadata).toEqual({ uploadId: "first.mp4" });
  });

  it("answers a repeated ClientRequestToken with the first job, and runs it once", async () => {
    const sent = request("twice", { ClientRequestToken: "token-twice" });
    const [a, b] = await Promise.all([mediaConvert.send(new CreateJobCommand(sent)), mediaConvert.send(new CreateJobCommand(sent))]);
    expect(a.Job?.Id).toBe(b.Job?.Id);
    expect(standIn.received.map((call) => call.operation)).toEqual(["CreateJob", "CreateJob"]);
    await standIn.idle();
    expect(runner.jobs.filter((job) => job.id === a.Job?.Id)).toHaveLength(1);
    expect(standIn.jobs().filter((job) => job.ClientRequestToken === "token-twice")).toHaveLength(1);
  });

  it("lets GetJob tell the state changes the runner reported", async () => {
    const quiet = await mediaConvert.send(new CreateJobCommand(request("quiet")));
    const done = await mediaConvert.send(new CreateJobCommand(request("done", { UserMetadata: { outcome: "complete" } })));
    await standIn.idle();
    expect((await mediaConvert.send(new GetJobCommand({ Id: quiet.Job?.Id }))).Job?.Status).toBe("SUBMITTED");
    const finished = (await mediaConvert.send(new GetJobCommand({ Id: done.Job?.Id }))).Job;
    expect(finished).toMatchObject({ Status: "COMPLETE", JobPercentComplete: 100 });
    expect(finished?.Timing?.StartTime).toBeInstanceOf(Date);
    expect(finished?.Timing?.FinishTime).toBeInstanceOf(Date);
  });

  it("refuses settings it cannot run, and unknown jobs, the way the API does, creating nothing", async () => {
    const before = standIn.jobs().length;
    await expect(
      mediaConvert.send(new CreateJobCommand({ Role: ROLE, Settings: { Inputs: [], OutputGroups: [] } })),
    ).rejects.toMatchObject({ name: "BadRequestException" });
    await expect(mediaConvert.send(new CreateJobCommand({ Role: "", Settings: request("x").Settings }))).rejects.toMatchObject({
      name: "BadRequestException",
      message: "role is required",
    });
    await expect(mediaConvert.send(new GetJobCommand({ Id: "1-nope" }))).rejects.toMatchObject({ name: "NotFoundException" });
    expect(standIn.jobs()).toHaveLength(before);
    expect(standIn.received.map((call) => call.operation)).toEqual(["CreateJob", "CreateJob", "GetJob"]);
  });

  it("names the operations it answers for any other route, and refuses a body that is not JSON", async () => {
    const other = await fetch(`${standIn.endpoint}/2017-08-29/queues`);
    expect(other.status).toBe(404);
    expect(other.headers.get("x-amzn-errortype")).toBe("NotFoundException");
    expect(((await other.json()) as { message: string }).message).toMatch(/CreateJob, GetJob, CancelJob only \(GET \/2017-08-29\/queues\)/);
    const broken = await fetch(`${standIn.endpoint}/2017-08-29/jobs`, { method: "POST", body: "{" });
    expect(broken.status).toBe(400);
    expect(broken.headers.get("x-amzn-errortype")).toBe("BadRequestException");
  });
});
