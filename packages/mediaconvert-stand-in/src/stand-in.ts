import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { Job } from "@aws-sdk/client-mediaconvert";
import type { S3Client } from "@aws-sdk/client-s3";
import { listenOnLoopback } from "@video-platform/aws-emulator";
import { cancelJob } from "./api/cancel-job.js";
import { createJob } from "./api/create-job.js";
import { getJob } from "./api/get-job.js";
import type { Operation, OperationContext } from "./api/operation.js";
import { ApiError, API_VERSION_PREFIX, notFound, readJson, reply } from "./api/rest-json.js";
import { fromWireJson, toWireJson } from "./api/wire-json.js";
import { ffmpegJobRunner } from "./ffmpeg/ffmpeg-job-runner.js";
import { JobBook } from "./jobs/job-book.js";
import type { JobRunner } from "./jobs/job-runner.js";
import { eventBridgeJobEvents } from "./jobs/job-state-events.js";

/** The operations the stand-in answers; every other route is a NotFoundException naming them. */
const OPERATIONS: readonly Operation[] = [createJob, getJob, cancelJob];

interface CommonOptions {
  readonly region?: string;
  readonly accountId?: string;
  /**
   * Where "MediaConvert Job State Change" events go, as MediaConvert sends them (the default
   * bus); nowhere when absent, and GetJob still tells each job's state.
   */
  readonly eventBridge?: EventBridgeClient;
  /** Overrides each job's StatusUpdateInterval (10 s and up on AWS), so short clips show progress. */
  readonly statusUpdateIntervalMs?: number;
  /** A fixed port; a free one when absent. */
  readonly port?: number;
  readonly log?: (line: string) => void;
}

/** Jobs run with ffmpeg, reading inputs from and writing outputs to `s3`... */
interface RunWithFfmpeg {
  readonly runner?: undefined;
  readonly s3: S3Client;
  /** x264 preset for every job; `ultrafast` when absent. */
  readonly preset?: string;
}

/** ...or by a runner of the caller's (tests that only check requests use `recordingJobRunner`). */
interface RunWithInjectedRunner {
  readonly runner: JobRunner;
}

export type MediaConvertStandInOptions = CommonOptions & (RunWithFfmpeg | RunWithInjectedRunner);

/** One call the stand-in received, in the SDK's member names. */
export interface ReceivedCall {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

export interface RunningMediaConvertStandIn {
  /** For AWS_ENDPOINT_URL_MEDIACONVERT. */
  readonly endpoint: string;
  /** Every call that reached an operation, in order, including refused ones; tests may empty it. */
  readonly received: ReceivedCall[];
  /** Every job created, oldest first, as GetJob would show it. */
  jobs(): Job[];
  /** Resolves when every job submitted so far has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

function route(method: string | undefined, path: string): { operation: Operation; pathParameters: string[] } {
  const relative = path.startsWith(`${API_VERSION_PREFIX}/`) ? path.slice(API_VERSION_PREFIX.length) : undefined;
  for (const operation of OPERATIONS) {
    const match = relative === undefined || operation.method !== method ? null : operation.path.exec(relative);
    if (match) return { operation, pathParameters: match.slice(1).map((part) => decodeURIComponent(part ?? "")) };
  }
  const known = OPERATIONS.map((operation) => operation.name).join(", ");
  throw notFound(`The local MediaConvert answers ${known} only (${method} ${path})`);
}

/**
 * An HTTP server on loopback that answers MediaConvert's REST-JSON API, as the SDK's
 * MediaConvertClient calls it through AWS_ENDPOINT_URL_MEDIACONVERT.
 */
export async function startMediaConvertStandIn(options: MediaConvertStandInOptions): Promise<RunningMediaConvertStandIn> {
  const log = options.log ?? (() => undefined);
  const runner = options.runner ?? ffmpegJobRunner({ s3: options.s3, preset: options.preset ?? "ultrafast" });
  const jobs = new JobBook({
    region: options.region ?? "us-east-1",
    accountId: options.accountId ?? "123456789012",
    runner,
    events: options.eventBridge ? eventBridgeJobEvents(options.eventBridge) : undefined,
    statusUpdateIntervalMs: options.statusUpdateIntervalMs,
    log,
  });
  const context: OperationContext = { jobs };
  const received: ReceivedCall[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { operation, pathParameters } = route(request.method, new URL(request.url ?? "/", "http://stand-in").pathname);
    const input = fromWireJson<Record<string, unknown>>(await readJson(request));
    received.push({ operation: operation.name, input });
    const answer = await operation.handle({ pathParameters, input }, context);
    reply(response, answer.statusCode, toWireJson(answer.body));
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
    received,
    jobs: () => jobs.list(),
    idle: () => jobs.idle(),
    stop: async () => {
      const stopped = jobs.stop();
      await listener.close();
      await stopped;
    },
  };
}
