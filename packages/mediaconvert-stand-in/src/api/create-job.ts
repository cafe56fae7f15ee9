import type { CreateJobRequest } from "../jobs/job-book.js";
import { planTranscode, UnsupportedJobSettingsError, type TranscodePlan } from "../settings/transcode-plan.js";
import type { Operation } from "./operation.js";
import { badRequest } from "./rest-json.js";

function planOrRefuse(settings: NonNullable<CreateJobRequest["Settings"]>): TranscodePlan {
  try {
    return planTranscode(settings);
  } catch (error) {
    // MediaConvert validates settings at CreateJob too: a job it cannot run is never created.
    if (error instanceof UnsupportedJobSettingsError) throw badRequest(error.message);
    throw error;
  }
}

/** `POST /jobs`: idempotent on ClientRequestToken, as MediaConvert promises. */
export const createJob: Operation = {
  name: "CreateJob",
  method: "POST",
  path: /^\/jobs$/,
  handle({ input }, { jobs }) {
    const request = input as CreateJobRequest;
    const known = request.ClientRequestToken === undefined ? undefined : jobs.withToken(request.ClientRequestToken);
    if (known) return { statusCode: 201, body: { Job: known } };
    const { Role, Settings } = request;
    if (!Role) throw badRequest("role is required");
    if (!Settings) throw badRequest("settings is required");
    const plan = planOrRefuse(Settings);
    return { statusCode: 201, body: { Job: jobs.submit({ ...request, Role, Settings }, plan) } };
  },
};
