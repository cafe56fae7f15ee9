import {
  BadRequestException,
  CancelJobCommand,
  ConflictException,
  CreateJobCommand,
  NotFoundException,
  type MediaConvertClient,
} from "@aws-sdk/client-mediaconvert";
import type { MovieJobRequest } from "../core/movie-job.js";
import type { CancelOutcome, TranscodingJobs } from "../ports/transcoding-jobs.js";

/**
 * MediaConvert's answers to CancelJob that mean there is nothing left to stop: the job already
 * finished, failed or was cancelled (a conflict with its state), or is unknown.
 */
const NOTHING_TO_CANCEL = [BadRequestException, ConflictException, NotFoundException];

/**
 * `TranscodingJobs` on MediaConvert. CreateJob's refusals and throttling stay errors: the event
 * is retried, then lands in the function's failure destination.
 */
export class MediaConvertJobs implements TranscodingJobs {
  constructor(private readonly mediaconvert: MediaConvertClient) {}

  async submit(request: MovieJobRequest): Promise<string> {
    const { Job } = await this.mediaconvert.send(
      new CreateJobCommand({
        JobTemplate: request.template,
        Queue: request.queue,
        Role: request.role,
        Settings: request.settings,
        StatusUpdateInterval: request.statusUpdateInterval,
        UserMetadata: request.metadata,
        ClientRequestToken: request.idempotencyToken,
      }),
    );
    if (Job?.Id === undefined) throw new Error("MediaConvert returned no job id");
    return Job.Id;
  }

  async cancel(jobId: string): Promise<CancelOutcome> {
    try {
      await this.mediaconvert.send(new CancelJobCommand({ Id: jobId }));
      return "cancelled";
    } catch (error) {
      if (NOTHING_TO_CANCEL.some((type) => error instanceof type)) return "not-running";
      throw error;
    }
  }
}
