import type { MovieJobRequest } from "../core/movie-job.js";

/** The transcoder as the trigger needs it: submit one job, get its id back. */
export interface TranscodingJobs {
  /** Submitting the same request twice (same idempotency token) returns the first job's id. */
  submit(request: MovieJobRequest): Promise<string>;
}
