/**
 * What storage can say about a multipart upload that the upload API must answer for. The
 * storage adapter turns the SDK's exceptions into these, so use cases never read S3 error names.
 */
/** Storage no longer knows the multipart upload: it was completed or aborted meanwhile. */
export class MultipartUploadGoneError extends Error {
  override readonly name = "MultipartUploadGoneError";
  constructor() {
    super("the multipart upload is no longer open");
  }
}

/** Why storage refused the part list a multipart upload was to be completed with. */
export const PART_LIST_PROBLEMS = {
  unknownPart: "a part was never stored, or its ETag does not match the stored one",
  partOrder: "part numbers must be given once each",
  partTooSmall: "every part but the last must be at least 5 MiB",
} as const;
export type PartListProblem = keyof typeof PART_LIST_PROBLEMS;

export class PartListRefusedError extends Error {
  override readonly name = "PartListRefusedError";
  constructor(readonly problem: PartListProblem) {
    super(PART_LIST_PROBLEMS[problem]);
  }
}
