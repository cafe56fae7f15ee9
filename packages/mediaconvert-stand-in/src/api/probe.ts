import type { ProbeInputFile } from "@aws-sdk/client-mediaconvert";
import { ObjectNotFoundError } from "../s3/s3-objects.js";
import type { Operation } from "./operation.js";
import { ApiError, badRequest, notFound } from "./rest-json.js";

/** `POST /probe`: what each input file is, in MediaConvert's `ProbeResult` shape, from ffprobe. */
export const probe: Operation = {
  name: "Probe",
  method: "POST",
  path: /^\/probe$/,
  async handle({ input }, { prober }) {
    const files = (input["InputFiles"] ?? []) as ProbeInputFile[];
    if (files.length === 0 || files.some((file) => !file.FileUrl)) throw badRequest("inputFiles must name at least one fileUrl");
    if (!prober) throw new ApiError(500, "InternalServerErrorException", "this stand-in was started without S3: it cannot read inputs");
    const results = [];
    for (const file of files) {
      const fileUrl = file.FileUrl ?? "";
      if (!/^s3:\/\/[^/]+\/.+/.test(fileUrl)) throw badRequest(`fileUrl must be an s3:// URL: ${fileUrl}`);
      try {
        results.push(await prober(fileUrl));
      } catch (error) {
        if (error instanceof ObjectNotFoundError) throw notFound(`Unable to open input file [${fileUrl}]: ${error.message}`);
        throw error;
      }
    }
    return { statusCode: 200, body: { ProbeResults: results } };
  },
};
