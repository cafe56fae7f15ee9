import type { Operation } from "./operation.js";
import { conflict, notFound } from "./rest-json.js";

/**
 * `DELETE /jobs/{id}`: stops a job, queued or running, and answers once it has stopped (nothing
 * more is written). A job that is already over cannot be cancelled: a ConflictException.
 */
export const cancelJob: Operation = {
  name: "CancelJob",
  method: "DELETE",
  path: /^\/jobs\/([^/]+)$/,
  async handle({ pathParameters: [id = ""] }, { jobs }) {
    const result = await jobs.cancel(id);
    if (result === undefined) throw notFound(`Job ${id} not found`);
    if (result.outcome === "already-over") throw conflict(`Job ${id} is ${result.job.Status} and can no longer be canceled`);
    return { statusCode: 202, body: {} };
  },
};
