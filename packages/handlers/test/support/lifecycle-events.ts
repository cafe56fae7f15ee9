import type { MediaConvertJobStateChangeEvent, S3ObjectCreatedEvent } from "@video-platform/shared-types";

let sequence = 0;
const nextId = (): string => `event-${++sequence}`;

export function objectCreatedEvent(bucket: string, key: string, size: number, etag = "0123456789abcdef"): S3ObjectCreatedEvent {
  return {
    id: nextId(),
    "detail-type": "Object Created",
    source: "aws.s3",
    time: "2025-01-01T00:00:00Z",
    region: "us-east-1",
    detail: { bucket: { name: bucket }, object: { key, size, etag, sequencer: "00" }, reason: "PutObject" },
  };
}

type JobDetail = MediaConvertJobStateChangeEvent["detail"];
type WithoutCommon<D> = D extends unknown ? Omit<D, "jobId" | "userMetadata"> : never;

/** A "MediaConvert Job State Change" for a job of ours about `objectKey`. */
export function jobStateChangeEvent(
  objectKey: string,
  detail: WithoutCommon<JobDetail>,
  jobId = "job-1",
): MediaConvertJobStateChangeEvent {
  return {
    id: nextId(),
    "detail-type": "MediaConvert Job State Change",
    source: "aws.mediaconvert",
    time: "2025-01-01T00:00:00Z",
    region: "us-east-1",
    detail: {
      ...detail,
      jobId,
      userMetadata: { uploadId: objectKey.replace(/^uploads\//, ""), fileName: objectKey, platform: "test" },
    } as JobDetail,
  };
}
