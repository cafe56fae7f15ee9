import type { MovieJobRequest } from "../core/movie-job.js";

/** What cancelling a job found: it was stopped, or it had already ended (or never existed). */
export type CancelOutcome = "cancelled" | "not-running";

/** The transcoder as the platform needs it: submit one job, cancel one. */
export interface TranscodingJobs {
  /** Submitting the same request twice (same idempotency token) returns the first job's id. */
  submit(request: MovieJobRequest): Promise<string>;
  /** Stops a job; one that already finished, failed or was cancelled is "not-running", not an error. */
  cancel(jobId: string): Promise<CancelOutcome>;
}
