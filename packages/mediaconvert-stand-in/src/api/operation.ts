import type { JobBook } from "../jobs/job-book.js";
import type { SourceProber } from "../probe/s3-file-prober.js";

/** What every operation may use: the jobs, and what reads an input file (absent without S3). */
export interface OperationContext {
  readonly jobs: JobBook;
  readonly prober: SourceProber | undefined;
}

/** One call as an operation sees it: the path's parameters, and the body in the SDK's member names. */
export interface OperationCall {
  readonly pathParameters: readonly string[];
  readonly input: Record<string, unknown>;
}

/** An answer in the SDK's member names; the server writes it as wire JSON. */
export interface OperationReply {
  readonly statusCode: number;
  readonly body: unknown;
}

/**
 * One operation of MediaConvert's REST-JSON API: its route, and what it does. Adding an
 * operation is one of these and one line in the stand-in's list.
 */
export interface Operation {
  /** The API's own name (`CreateJob`), as recorded in the stand-in's call log. */
  readonly name: string;
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** The path after the version prefix, with one capture group per path parameter. */
  readonly path: RegExp;
  handle(call: OperationCall, context: OperationContext): OperationReply | Promise<OperationReply>;
}
