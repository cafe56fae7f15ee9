import type { Operation } from "./operation.js";
import { notFound } from "./rest-json.js";

/** `GET /jobs/{id}`: the job as its state changes left it. */
export const getJob: Operation = {
  name: "GetJob",
  method: "GET",
  path: /^\/jobs\/([^/]+)$/,
  handle({ pathParameters: [id = ""] }, { jobs }) {
    const job = jobs.get(id);
    if (!job) throw notFound(`Job ${id} not found`);
    return { statusCode: 200, body: { Job: job } };
  },
};
