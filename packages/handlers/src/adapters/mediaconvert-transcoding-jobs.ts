import { CreateJobCommand, type MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import type { MovieJobRequest } from "../core/movie-job.js";
import type { TranscodingJobs } from "../ports/transcoding-jobs.js";

/**
 * `TranscodingJobs` on MediaConvert's CreateJob. Its refusals and throttling stay errors: the
 * event is retried, then lands in the function's failure destination.
 */
export class MediaConvertJobs implements TranscodingJobs {
  constructor(private readonly mediaconvert: MediaConvertClient) {}

  async submit(request: MovieJobRequest): Promise<string> {
    const { Job } = await this.mediaconvert.send(
      new CreateJobCommand({
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
}
