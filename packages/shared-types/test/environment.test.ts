import { describe, expect, it } from "vitest";
import { ConfigurationError, DEFAULT_MAX_DURATION_SECONDS, DEFAULT_MAX_UPLOAD_BYTES, ENV, parseFunctionEnv } from "../src/index.js";

describe("parseFunctionEnv", () => {
  it("fails naming the missing variable", () => {
    expect(() => parseFunctionEnv("GeneratePresignedUrl", { [ENV.uploadTableName]: "t" })).toThrow(
      /RAW_BUCKET_NAME is not set/,
    );
    expect(() => parseFunctionEnv("QueryUploadStatus", {})).toThrow(ConfigurationError);
  });

  it("applies the 50 GiB default and reads an override", () => {
    const base = { [ENV.uploadTableName]: "t", [ENV.rawBucketName]: "raw" };
    expect(parseFunctionEnv("GeneratePresignedUrl", base)[ENV.maxUploadBytes]).toBe(DEFAULT_MAX_UPLOAD_BYTES);
    expect(parseFunctionEnv("GeneratePresignedUrl", { ...base, [ENV.maxUploadBytes]: "1000" })[ENV.maxUploadBytes]).toBe(1000);
  });

  it("checks the shape of ARNs and S3 prefixes", () => {
    const env = {
      [ENV.uploadTableName]: "t",
      [ENV.rawBucketName]: "raw",
      [ENV.mediaConvertRoleArn]: "arn:aws:iam::123456789012:role/mc",
      [ENV.mediaConvertOutputPrefix]: "s3://processed/vod/",
      [ENV.mediaConvertQueueArn]: "arn:aws:mediaconvert:eu-west-1:123456789012:queues/dev-vod",
      [ENV.platformId]: "dev",
    };
    expect(parseFunctionEnv("TriggerMediaConvert", env)[ENV.platformId]).toBe("dev");
    expect(() => parseFunctionEnv("TriggerMediaConvert", { ...env, [ENV.mediaConvertRoleArn]: "role" })).toThrow(
      /MEDIACONVERT_ROLE_ARN must be an IAM role ARN/,
    );
    expect(() => parseFunctionEnv("TriggerMediaConvert", { ...env, [ENV.mediaConvertOutputPrefix]: "processed/vod" })).toThrow(
      /MEDIACONVERT_OUTPUT_PREFIX/,
    );
    // The account's Default queue by name is not enough: jobs must go to the environment's own queue.
    expect(() => parseFunctionEnv("TriggerMediaConvert", { ...env, [ENV.mediaConvertQueueArn]: "Default" })).toThrow(
      /MEDIACONVERT_QUEUE_ARN must be a MediaConvert queue ARN/,
    );
    expect(parseFunctionEnv("TriggerMediaConvert", env)[ENV.maxSourceDurationSeconds]).toBe(DEFAULT_MAX_DURATION_SECONDS);
    expect(parseFunctionEnv("TriggerMediaConvert", { ...env, [ENV.maxSourceDurationSeconds]: "600" })[ENV.maxSourceDurationSeconds]).toBe(600);
    expect(() => parseFunctionEnv("TriggerMediaConvert", { ...env, [ENV.maxSourceDurationSeconds]: "six hours" })).toThrow(
      /MAX_SOURCE_DURATION_SECONDS must be a number/,
    );
    const { [ENV.mediaConvertQueueArn]: _unset, ...withoutQueue } = env;
    expect(() => parseFunctionEnv("TriggerMediaConvert", withoutQueue)).toThrow(/MEDIACONVERT_QUEUE_ARN is not set/);
  });
});
