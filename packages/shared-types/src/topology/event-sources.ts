/**
 * The AWS events the platform listens to, as EventBridge names them. The rules match on these,
 * the event schemas accept exactly these, and the local MediaConvert stand-in emits them.
 */
export const S3_OBJECT_CREATED = { source: "aws.s3", detailType: "Object Created" } as const;

export const MEDIACONVERT_JOB_STATE_CHANGE = {
  source: "aws.mediaconvert",
  detailType: "MediaConvert Job State Change",
} as const;
