import { randomBytes } from "node:crypto";
import type { Job, JobSettings, StatusUpdateInterval } from "@aws-sdk/client-mediaconvert";
import type { TranscodePlan } from "../settings/transcode-plan.js";
import type { JobRunner, RunnableJob } from "./job-runner.js";
import type { JobEventSink, JobIdentity, JobStateChange } from "./job-state-events.js";

/** A CreateJob request in the SDK's member names, as far as the stand-in reads it. */
export interface CreateJobRequest {
  readonly Role?: string;
  readonly Settings?: JobSettings;
  readonly ClientRequestToken?: string;
  readonly JobTemplate?: string;
  readonly Queue?: string;
  readonly StatusUpdateInterval?: StatusUpdateInterval;
  readonly UserMetadata?: Record<string, string>;
  readonly Priority?: number;
}

export interface JobBookOptions {
  readonly region: string;
  readonly accountId: string;
  readonly runner: JobRunner;
  /** Where state changes go besides the job; nowhere when undefined. */
  readonly events: JobEventSink | undefined;
  /** Overrides each job's StatusUpdateInterval. */
  readonly statusUpdateIntervalMs: number | undefined;
  readonly log: (line: string) => void;
}

function intervalMs(interval: StatusUpdateInterval | undefined): number {
  const seconds = Number(/^SECONDS_(\d+)$/.exec(interval ?? "")?.[1] ?? 60);
  return seconds * 1000;
}

/** Writes a state change into the job, so that GetJob tells the same story as the events. */
function recordChange(job: Job, change: JobStateChange, at: Date): void {
  switch (change.status) {
    case "PROGRESSING":
      Object.assign(job, { Status: "PROGRESSING", Timing: { ...job.Timing, StartTime: at } });
      return;
    case "STATUS_UPDATE":
      job.JobPercentComplete = change.jobPercentComplete;
      return;
    case "COMPLETE":
      Object.assign(job, { Status: "COMPLETE", JobPercentComplete: 100, Timing: { ...job.Timing, FinishTime: at } });
      return;
    case "CANCELED":
      Object.assign(job, { Status: "CANCELED", Timing: { ...job.Timing, FinishTime: at } });
      return;
    case "ERROR":
      Object.assign(job, {
        Status: "ERROR",
        ErrorCode: change.errorCode,
        ErrorMessage: change.errorMessage,
        Timing: { ...job.Timing, FinishTime: at },
      });
      return;
  }
}

/** A job's own stop switch, and its run once the queue has started it. */
interface JobControl {
  readonly cancel: AbortController;
  run?: Promise<void>;
}

/** What cancelling a job did: stopped it, or found it already over (finished, failed, cancelled). */
export type CancelResult = { readonly outcome: "cancelled"; readonly job: Job } | { readonly outcome: "already-over"; readonly job: Job };

const OVER = new Set(["COMPLETE", "ERROR", "CANCELED"]);

/**
 * Every job the stand-in knows, and the queue that runs them one at a time (two cores do not
 * gain from more). A ClientRequestToken seen before names the job it first created.
 */
export class JobBook {
  readonly queueArn: string;
  private readonly jobs = new Map<string, Job>();
  private readonly jobsByToken = new Map<string, string>();
  private readonly controls = new Map<string, JobControl>();
  private readonly shutdown = new AbortController();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: JobBookOptions) {
    this.queueArn = `arn:aws:mediaconvert:${options.region}:${options.accountId}:queues/Default`;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  withToken(clientRequestToken: string): Job | undefined {
    const id = this.jobsByToken.get(clientRequestToken);
    return id === undefined ? undefined : this.jobs.get(id);
  }

  /** Every job, oldest first. */
  list(): Job[] {
    return [...this.jobs.values()];
  }

  /** Records a valid request as a SUBMITTED job and queues it. */
  submit(request: CreateJobRequest & { Role: string; Settings: JobSettings }, plan: TranscodePlan): Job {
    const now = new Date();
    const id = `${now.getTime()}-${randomBytes(3).toString("hex")}`;
    const job: Job = {
      Id: id,
      Arn: `arn:aws:mediaconvert:${this.options.region}:${this.options.accountId}:jobs/${id}`,
      Role: request.Role,
      Settings: request.Settings,
      Status: "SUBMITTED",
      CreatedAt: now,
      Queue: request.Queue ?? this.queueArn,
      UserMetadata: request.UserMetadata ?? {},
      StatusUpdateInterval: request.StatusUpdateInterval ?? "SECONDS_60",
      Priority: request.Priority ?? 0,
      Timing: { SubmitTime: now },
      ...(request.JobTemplate ? { JobTemplate: request.JobTemplate } : {}),
      ...(request.ClientRequestToken ? { ClientRequestToken: request.ClientRequestToken } : {}),
    };
    this.jobs.set(id, job);
    if (request.ClientRequestToken) this.jobsByToken.set(request.ClientRequestToken, id);
    this.options.log(`mediaconvert: job ${id} SUBMITTED`);
    const runnable: RunnableJob = {
      id,
      plan,
      statusUpdateIntervalMs: this.options.statusUpdateIntervalMs ?? intervalMs(request.StatusUpdateInterval),
      userMetadata: job.UserMetadata ?? {},
    };
    const control: JobControl = { cancel: new AbortController() };
    this.controls.set(id, control);
    this.queue = this.queue
      .then(() => {
        if (this.shutdown.signal.aborted || control.cancel.signal.aborted) return undefined;
        control.run = this.run(job, runnable, control.cancel.signal);
        return control.run;
      })
      .catch((error: unknown) => {
        if (!this.shutdown.signal.aborted) this.options.log(`mediaconvert: job ${id} failed to report: ${String(error)}`);
      });
    return job;
  }

  /**
   * Cancels a job: one still queued never runs; a running one is stopped (its ffmpeg killed, no
   * more output written) before this resolves. Either way the job becomes CANCELED and sends
   * the CANCELED state change MediaConvert sends. Undefined for an unknown job.
   */
  async cancel(id: string): Promise<CancelResult | undefined> {
    const job = this.jobs.get(id);
    const control = this.controls.get(id);
    if (job === undefined || control === undefined) return undefined;
    if (OVER.has(job.Status ?? "") || control.cancel.signal.aborted) return { outcome: "already-over", job };
    control.cancel.abort(new Error(`job ${id} was canceled`));
    await control.run?.catch(() => undefined);
    recordChange(job, { status: "CANCELED" }, new Date());
    this.options.log(`mediaconvert: job ${id} CANCELED`);
    await this.options.events?.(this.identityOf(job), { status: "CANCELED" });
    return { outcome: "cancelled", job };
  }

  /** Resolves when every job submitted so far has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Aborts the running job, runs no other, and resolves once the queue has settled. */
  async stop(): Promise<void> {
    this.shutdown.abort(new Error("the local MediaConvert is stopping"));
    await this.queue;
  }

  private identityOf(job: Job): JobIdentity {
    return {
      jobId: job.Id ?? "",
      jobArn: job.Arn ?? "",
      queueArn: this.queueArn,
      accountId: this.options.accountId,
      userMetadata: job.UserMetadata ?? {},
    };
  }

  private async run(job: Job, runnable: RunnableJob, cancelled: AbortSignal): Promise<void> {
    const identity = this.identityOf(job);
    await this.options.runner.run(
      runnable,
      async (change) => {
        // After a cancel, nothing the run still says is true of the job any more.
        if (cancelled.aborted) return;
        recordChange(job, change, new Date());
        if (change.status === "COMPLETE" || change.status === "ERROR") {
          this.options.log(`mediaconvert: job ${runnable.id} ${change.status}${change.status === "ERROR" ? `: ${change.errorMessage}` : ""}`);
        }
        await this.options.events?.(identity, change);
      },
      AbortSignal.any([this.shutdown.signal, cancelled]),
    ).catch((error: unknown) => {
      if (!cancelled.aborted || this.shutdown.signal.aborted) throw error;
    });
  }
}
