import type { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { CancelJobCommand, CreateJobCommand, GetJobCommand, MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { buildMovieHlsJobSettings, MediaConvertJobStateChangeEvent } from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMediaConvertStandIn, type JobRunner, type RunnableJob, type RunningMediaConvertStandIn } from "../src/index.js";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const ROLE = "arn:aws:iam::123456789012:role/MediaConvertRole";

/**
 * A runner whose jobs say PROGRESSING and then work until told to stop, like a long ffmpeg run;
 * `behaviour: complete` jobs finish at once. It remembers which runs were stopped.
 */
function longRunner() {
  const stopped: string[] = [];
  let reportAfterStop: (() => Promise<void>) | undefined;
  const runner: JobRunner = {
    async run(job: RunnableJob, report, signal) {
      if (job.userMetadata["behaviour"] === "complete") {
        await report({ status: "COMPLETE", masterPlaylistUrl: "s3://processed/vod/a/a.m3u8", renditions: [] });
        return;
      }
      await report({ status: "PROGRESSING" });
      await new Promise<void>((_resolve, reject) => {
        signal.addEventListener("abort", () => {
          stopped.push(job.id);
          // What a run still says after it was stopped must not reach the job or its events.
          reportAfterStop = () => report({ status: "COMPLETE", masterPlaylistUrl: "s3://late", renditions: [] });
          reject(signal.reason as Error);
        });
      });
    },
  };
  return { runner, stopped, lateReport: () => reportAfterStop?.() };
}

describe("CancelJob", () => {
  const events: MediaConvertJobStateChangeEvent["detail"][] = [];
  const eventBridge = {
    async send(command: PutEventsCommand) {
      for (const entry of command.input.Entries ?? []) events.push(JSON.parse(entry.Detail ?? "{}") as MediaConvertJobStateChangeEvent["detail"]);
      return { FailedEntryCount: 0, Entries: [] };
    },
  } as unknown as EventBridgeClient;
  let standIn: RunningMediaConvertStandIn;
  let mediaConvert: MediaConvertClient;
  let long: ReturnType<typeof longRunner>;

  beforeAll(async () => {
    long = longRunner();
    standIn = await startMediaConvertStandIn({ runner: long.runner, eventBridge });
    mediaConvert = new MediaConvertClient({ endpoint: standIn.endpoint, region: "us-east-1", credentials });
  });

  afterAll(async () => {
    mediaConvert?.destroy();
    await standIn?.stop();
  });

  const create = async (key: string, behaviour = "run") =>
    (
      await mediaConvert.send(
        new CreateJobCommand({
          Role: ROLE,
          Settings: buildMovieHlsJobSettings({ fileInput: `s3://raw/uploads/${key}.mp4`, destination: `s3://processed/vod/${key}/` }),
          UserMetadata: { behaviour, fileName: `uploads/${key}.mp4` },
        }),
      )
    ).Job?.Id ?? "";
  const statusOf = async (id: string) => (await mediaConvert.send(new GetJobCommand({ Id: id }))).Job?.Status;
  const eventsOf = (id: string) => events.filter((event) => event.jobId === id).map((event) => event.status);

  it("stops a running job and one still queued behind it; each sends CANCELED with its metadata, and the queue moves on", async () => {
    const running = await create("running");
    const queued = await create("queued");
    await expect.poll(() => statusOf(running)).toBe("PROGRESSING");
    expect(await statusOf(queued)).toBe("SUBMITTED");

    expect((await mediaConvert.send(new CancelJobCommand({ Id: queued }))).$metadata.httpStatusCode).toBe(202);
    expect(await statusOf(queued)).toBe("CANCELED");
    await mediaConvert.send(new CancelJobCommand({ Id: running }));
    // CancelJob answers once the run has stopped.
    expect(long.stopped).toContain(running);
    expect(await statusOf(running)).toBe("CANCELED");
    expect(eventsOf(running)).toEqual(["PROGRESSING", "CANCELED"]);
    expect(eventsOf(queued)).toEqual(["CANCELED"]);
    expect(events.find((event) => event.jobId === queued)?.userMetadata).toEqual({ behaviour: "run", fileName: "uploads/queued.mp4" });

    await long.lateReport();
    expect(await statusOf(running)).toBe("CANCELED");
    expect(eventsOf(running)).toEqual(["PROGRESSING", "CANCELED"]);

    const next = await create("next", "complete");
    await standIn.idle();
    expect(await statusOf(next)).toBe("COMPLETE");
    expect(long.stopped).not.toContain(queued);
  });

  it("refuses to cancel a job that is over, and names an unknown one", async () => {
    const done = await create("done", "complete");
    await standIn.idle();
    await expect(mediaConvert.send(new CancelJobCommand({ Id: done }))).rejects.toMatchObject({ name: "ConflictException" });
    expect(await statusOf(done)).toBe("COMPLETE");
    expect(eventsOf(done)).toEqual(["COMPLETE"]);
    await expect(mediaConvert.send(new CancelJobCommand({ Id: "1-nope" }))).rejects.toMatchObject({ name: "NotFoundException" });
  });
});
