import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { PutEventsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { Job, JobSettings, StatusUpdateInterval } from "@aws-sdk/client-mediaconvert";
import type { S3Client } from "@aws-sdk/client-s3";
import { jobStateChangeEntry, type JobIdentity, type JobStateChange } from "./job-state-events.js";
import { runTranscodeJob } from "./transcode-job.js";
import { planTranscode, UnsupportedJobSettingsError, type TranscodePlan } from "./transcode-plan.js";
import { fromWireJson, toWireJson } from "./wire-json.js";
import { listenOnLoopback } from "../http/loopback-server.js";

export interface MediaConvertStandInOptions {
  readonly s3: S3Client;
  readonly eventBridge: EventBridgeClient;
  readonly region: string;
  readonly accountId: string;
  /** x264 preset for every job. */
  readonly preset?: string;
  /**
   * Overrides the job's StatusUpdateInterval (10 s and up on AWS), so that short local clips
   * still show progress on the way.
   */
  readonly statusUpdateIntervalMs?: number;
  readonly port?: number;
  readonly log?: (line: string) => void;
}

export interface RunningMediaConvertStandIn {
  /** For AWS_ENDPOINT_URL_MEDIACONVERT. */
  readonly endpoint: string;
  /** Resolves when every job submitted so far has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface CreateJobRequest {
  Role?: string;
  Settings?: JobSettings;
  ClientRequestToken?: string;
  JobTemplate?: string;
  Queue?: string;
  StatusUpdateInterval?: StatusUpdateInterval;
  UserMetadata?: Record<string, string>;
  Priority?: number;
}

class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

const API_VERSION = "/2017-08-29";

function intervalMs(interval: StatusUpdateInterval | undefined): number {
  const seconds = Number(/^SECONDS_(\d+)$/.exec(interval ?? "")?.[1] ?? 60);
  return seconds * 1000;
}

function recordChange(job: Job, change: JobStateChange, startedAt: Date): void {
  switch (change.status) {
    case "PROGRESSING":
      Object.assign(job, { Status: "PROGRESSING", Timing: { ...job.Timing, StartTime: startedAt } });
      return;
    case "STATUS_UPDATE":
      job.JobPercentComplete = change.jobPercentComplete;
      return;
    case "COMPLETE":
      Object.assign(job, { Status: "COMPLETE", JobPercentComplete: 100, Timing: { ...job.Timing, FinishTime: new Date() } });
      return;
    case "ERROR":
      Object.assign(job, {
        Status: "ERROR",
        ErrorCode: change.errorCode,
        ErrorMessage: change.errorMessage,
        Timing: { ...job.Timing, FinishTime: new Date() },
      });
      return;
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "BadRequestException", "The request body is not valid JSON");
  }
}

function reply(response: ServerResponse, statusCode: number, body: unknown, errorType?: string): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (errorType) headers["x-amzn-errortype"] = errorType;
  response.writeHead(statusCode, headers).end(JSON.stringify(body));
}

/**
 * An HTTP server that answers MediaConvert's REST-JSON CreateJob and GetJob, runs each job with
 * ffmpeg one at a time (two cores do not gain from more), and reports on EventBridge.
 */
export async function startMediaConvertStandIn(options: MediaConvertStandInOptions): Promise<RunningMediaConvertStandIn> {
  const log = options.log ?? (() => undefined);
  const jobs = new Map<string, Job>();
  const jobsByToken = new Map<string, string>();
  const shutdown = new AbortController();
  let queue: Promise<void> = Promise.resolve();
  const queueArn = `arn:aws:mediaconvert:${options.region}:${options.accountId}:queues/Default`;

  async function publish(identity: JobIdentity, change: JobStateChange): Promise<void> {
    const result = await options.eventBridge.send(
      new PutEventsCommand({ Entries: [jobStateChangeEntry(identity, change, new Date())] }),
    );
    if (result.FailedEntryCount) throw new Error(`PutEvents failed: ${JSON.stringify(result.Entries)}`);
  }

  async function run(job: Job, plan: TranscodePlan, updateIntervalMs: number): Promise<void> {
    const identity: JobIdentity = {
      jobId: job.Id ?? "",
      jobArn: job.Arn ?? "",
      queueArn,
      accountId: options.accountId,
      userMetadata: job.UserMetadata ?? {},
    };
    const startedAt = new Date();
    const outcome = await runTranscodeJob(plan, {
      s3: options.s3,
      preset: options.preset ?? "ultrafast",
      statusUpdateIntervalMs: updateIntervalMs,
      signal: shutdown.signal,
      publish: async (change) => {
        // GetJob tells the same story as the events, from the moment each is sent.
        recordChange(job, change, startedAt);
        await publish(identity, change);
      },
    });
    log(`mediaconvert: job ${job.Id} ${outcome.status}${outcome.status === "ERROR" ? `: ${outcome.errorMessage}` : ""}`);
  }

  function createJob(request: CreateJobRequest): { job: Job; created: boolean } {
    const known = request.ClientRequestToken ? jobsByToken.get(request.ClientRequestToken) : undefined;
    const existing = known ? jobs.get(known) : undefined;
    if (existing) return { job: existing, created: false };
    if (!request.Role) throw new ApiError(400, "BadRequestException", "role is required");
    if (!request.Settings) throw new ApiError(400, "BadRequestException", "settings is required");
    let plan: TranscodePlan;
    try {
      plan = planTranscode(request.Settings);
    } catch (error) {
      if (error instanceof UnsupportedJobSettingsError) throw new ApiError(400, "BadRequestException", error.message);
      throw error;
    }
    const now = new Date();
    const id = `${now.getTime()}-${randomBytes(3).toString("hex")}`;
    const job: Job = {
      Id: id,
      Arn: `arn:aws:mediaconvert:${options.region}:${options.accountId}:jobs/${id}`,
      Role: request.Role,
      Settings: request.Settings,
      Status: "SUBMITTED",
      CreatedAt: now,
      Queue: request.Queue ?? queueArn,
      UserMetadata: request.UserMetadata ?? {},
      StatusUpdateInterval: request.StatusUpdateInterval ?? "SECONDS_60",
      Priority: request.Priority ?? 0,
      Timing: { SubmitTime: now },
      ...(request.JobTemplate ? { JobTemplate: request.JobTemplate } : {}),
      ...(request.ClientRequestToken ? { ClientRequestToken: request.ClientRequestToken } : {}),
    };
    jobs.set(id, job);
    if (request.ClientRequestToken) jobsByToken.set(request.ClientRequestToken, id);
    const updateIntervalMs = options.statusUpdateIntervalMs ?? intervalMs(request.StatusUpdateInterval);
    queue = queue
      .then(() => (shutdown.signal.aborted ? undefined : run(job, plan, updateIntervalMs)))
      .catch((error: unknown) => {
        if (!shutdown.signal.aborted) log(`mediaconvert: job ${id} failed to report: ${String(error)}`);
      });
    return { job, created: true };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://stand-in").pathname;
    if (request.method === "POST" && path === `${API_VERSION}/jobs`) {
      const { job, created } = createJob(fromWireJson<CreateJobRequest>(await readJson(request)));
      if (created) log(`mediaconvert: job ${job.Id} SUBMITTED`);
      reply(response, 201, { job: toWireJson(job) });
      return;
    }
    const getJob = new RegExp(`^${API_VERSION}/jobs/([^/]+)$`).exec(path);
    if (request.method === "GET" && getJob?.[1]) {
      const job = jobs.get(decodeURIComponent(getJob[1]));
      if (!job) throw new ApiError(404, "NotFoundException", `Job ${getJob[1]} not found`);
      reply(response, 200, { job: toWireJson(job) });
      return;
    }
    throw new ApiError(404, "NotFoundException", `The local MediaConvert answers CreateJob and GetJob only (${request.method} ${path})`);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof ApiError) reply(response, error.statusCode, { message: error.message }, error.errorType);
      else reply(response, 500, { message: String(error) }, "InternalServerErrorException");
    });
  });
  const listener = await listenOnLoopback(server, options.port);

  return {
    endpoint: listener.url,
    idle: () => queue,
    stop: async () => {
      shutdown.abort(new Error("the local MediaConvert is stopping"));
      await listener.close();
      await queue;
    },
  };
}
