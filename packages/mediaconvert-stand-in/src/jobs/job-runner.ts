import type { TranscodePlan } from "../settings/transcode-plan.js";
import type { JobStateChange } from "./job-state-events.js";

/** A job the stand-in accepted, as whoever carries it out needs it. */
export interface RunnableJob {
  readonly id: string;
  /** The job's settings, read into what to encode and where to put it. */
  readonly plan: TranscodePlan;
  /** How often to send STATUS_UPDATE while the job runs. */
  readonly statusUpdateIntervalMs: number;
  readonly userMetadata: Readonly<Record<string, string>>;
}

/** Reports one state change; resolves once it is recorded (and sent, when events go somewhere). */
export type ReportJobState = (change: JobStateChange) => Promise<void>;

/**
 * What carries a job out. Reports its state changes in order (PROGRESSING, STATUS_UPDATEs, then
 * COMPLETE or ERROR) and resolves; rejects only when `signal` aborts: the stand-in is stopping, or
 * the job was cancelled (then it must stop its work and write nothing more). The stand-in runs jobs
 * with ffmpeg; tests that only look at requests inject a runner that never spawns a process.
 */
export interface JobRunner {
  run(job: RunnableJob, report: ReportJobState, signal: AbortSignal): Promise<void>;
}

export interface RecordingJobRunner extends JobRunner {
  /** Every job handed to the runner, in the order they ran. */
  readonly jobs: readonly RunnableJob[];
}

/**
 * A runner that records each job and reports what `script` says about it, without ffmpeg.
 * The default script reports nothing: the job stays SUBMITTED, as a job in a busy queue would.
 */
export function recordingJobRunner(
  script: (job: RunnableJob) => readonly JobStateChange[] = () => [],
): RecordingJobRunner {
  const jobs: RunnableJob[] = [];
  return {
    jobs,
    async run(job, report) {
      jobs.push(job);
      for (const change of script(job)) await report(change);
    },
  };
}
