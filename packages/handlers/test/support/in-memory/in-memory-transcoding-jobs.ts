import type { MovieJobRequest } from "../../../src/core/movie-job.js";
import type { CancelOutcome, TranscodingJobs } from "../../../src/ports/transcoding-jobs.js";

type JobState = "RUNNING" | "COMPLETE" | "CANCELED";

/**
 * `TranscodingJobs` in memory: every submitted job runs until a test finishes it. The contract
 * test (`test/adapters/transcoding-jobs.contract.test.ts`) holds it to what MediaConvert's
 * adapter does against the local MediaConvert.
 */
export class InMemoryTranscodingJobs implements TranscodingJobs {
  readonly jobs = new Map<string, { request: MovieJobRequest; state: JobState }>();
  private readonly byToken = new Map<string, string>();
  private sequence = 0;

  async submit(request: MovieJobRequest): Promise<string> {
    const known = this.byToken.get(request.idempotencyToken);
    if (known !== undefined) return known;
    const id = `job-${++this.sequence}`;
    this.jobs.set(id, { request, state: "RUNNING" });
    this.byToken.set(request.idempotencyToken, id);
    return id;
  }

  async cancel(jobId: string): Promise<CancelOutcome> {
    const job = this.jobs.get(jobId);
    if (job?.state !== "RUNNING") return "not-running";
    job.state = "CANCELED";
    return "cancelled";
  }

  /** The job ends on its own, as a finished transcode does. */
  finish(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (job) job.state = "COMPLETE";
  }

  stateOf(jobId: string): JobState | undefined {
    return this.jobs.get(jobId)?.state;
  }
}
