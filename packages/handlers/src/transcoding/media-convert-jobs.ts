import { CreateJobCommand, type CreateJobCommandInput, type MediaConvertClient } from "@aws-sdk/client-mediaconvert";

/** MediaConvert as the trigger sees it: submit one job, get its id. */
export class MediaConvertJobs {
  constructor(private readonly mediaconvert: MediaConvertClient) {}

  async submit(request: CreateJobCommandInput): Promise<string> {
    const { Job } = await this.mediaconvert.send(new CreateJobCommand(request));
    if (Job?.Id === undefined) throw new Error("MediaConvert returned no job id");
    return Job.Id;
  }
}
