import { ENV, type FunctionName } from "@video-platform/shared-types";
import { LOCAL_RESOURCES } from "./local-resources.js";

export interface LocalEndpoints {
  /** moto_server, for S3, DynamoDB, EventBridge and SQS. */
  readonly aws: string;
  readonly mediaConvert: string;
}

/**
 * Each function's environment as infra sets it on AWS, plus the SDK's standard endpoint
 * variables that point the same code at the local services.
 */
export function functionEnvironment(
  name: FunctionName,
  endpoints: LocalEndpoints,
  logLevel: string,
): Record<string, string> {
  const common = {
    AWS_ENDPOINT_URL: endpoints.aws,
    AWS_ENDPOINT_URL_MEDIACONVERT: endpoints.mediaConvert,
    AWS_REGION: LOCAL_RESOURCES.region,
    AWS_DEFAULT_REGION: LOCAL_RESOURCES.region,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    [ENV.logLevel]: logLevel,
    [ENV.uploadTableName]: LOCAL_RESOURCES.uploadTable,
  };
  switch (name) {
    case "GeneratePresignedUrl":
      return { ...common, [ENV.rawBucketName]: LOCAL_RESOURCES.rawBucket };
    case "TriggerMediaConvert":
      return {
        ...common,
        [ENV.mediaConvertRoleArn]: LOCAL_RESOURCES.mediaConvertRole,
        [ENV.mediaConvertJobTemplate]: LOCAL_RESOURCES.jobTemplate,
        [ENV.mediaConvertOutputPrefix]: `s3://${LOCAL_RESOURCES.processedBucket}/vod/`,
        [ENV.mediaConvertQueueArn]: LOCAL_RESOURCES.mediaConvertQueue,
        [ENV.platformId]: LOCAL_RESOURCES.platformId,
      };
    case "UpdateUploadStatus":
    case "QueryUploadStatus":
      return common;
  }
}
