import { FUNCTION_NAMES, parseFunctionEnv, S3ObjectCreatedEvent } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { undoMotoS3EventDeviations } from "../src/events/moto-event-fixes.js";
import { functionEnvironment } from "../src/function-environment.js";
import { LOCAL_RESOURCES, localEventRules, targetQueueName } from "../src/local-resources.js";

/** What moto 5.2.1 puts on the bus for a PutObject (copied field by field from a captured event). */
const motoObjectCreated = {
  version: "0",
  id: "17793124-05d4-b198-2fde-7ededc63b103",
  "detail-type": "Object Created",
  source: "aws.s3",
  account: "123456789012",
  time: "2025-01-01T00:00:00Z",
  region: "us-east-1",
  resources: ["arn:aws:s3:::raw"],
  detail: {
    version: "0",
    bucket: { name: "raw" },
    object: { key: "uploads/a.mp4", size: 5, eTag: "5d41402abc4b2a76b9719d911017c592", "version-id": "null", sequencer: "617f08299329d189" },
    reason: "ObjectCreated",
  },
};

describe("undoMotoS3EventDeviations", () => {
  it("gives moto's S3 event the etag member S3 sends and an id of its own", () => {
    expect(S3ObjectCreatedEvent.safeParse(motoObjectCreated).success).toBe(false);
    const fixed = undoMotoS3EventDeviations(motoObjectCreated, "message-1");
    const parsed = S3ObjectCreatedEvent.parse(fixed);
    expect(parsed.id).toBe("message-1");
    expect(parsed.detail.object.etag).toBe("5d41402abc4b2a76b9719d911017c592");
    expect((fixed as typeof motoObjectCreated).detail.object).not.toHaveProperty("eTag");
  });

  it("leaves events from elsewhere, and S3 events already right, alone", () => {
    const mediaConvert = { source: "aws.mediaconvert", id: "x", detail: { status: "COMPLETE" } };
    expect(undoMotoS3EventDeviations(mediaConvert, "m")).toBe(mediaConvert);
    const right = { ...motoObjectCreated, detail: { ...motoObjectCreated.detail, object: { key: "k", size: 1, etag: "e" } } };
    expect((undoMotoS3EventDeviations(right, "m") as typeof right).detail.object).toEqual({ key: "k", size: 1, etag: "e" });
    expect(undoMotoS3EventDeviations("text", "m")).toBe("text");
  });
});

describe("the local wiring", () => {
  it("gives every function a configuration its own parser accepts, pointed at the local endpoints", () => {
    for (const name of FUNCTION_NAMES) {
      const environment = functionEnvironment(name, { aws: "http://127.0.0.1:1", mediaConvert: "http://127.0.0.1:2" }, "WARN");
      expect(() => parseFunctionEnv(name, environment)).not.toThrow();
      expect(environment).toMatchObject({ AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_ENDPOINT_URL_MEDIACONVERT: "http://127.0.0.1:2" });
    }
    expect(functionEnvironment("TriggerMediaConvert", { aws: "a", mediaConvert: "m" }, "WARN")).toMatchObject({
      MEDIACONVERT_OUTPUT_PREFIX: `s3://${LOCAL_RESOURCES.processedBucket}/vod/`,
      PLATFORM_ID: LOCAL_RESOURCES.platformId,
      MEDIACONVERT_QUEUE_ARN: LOCAL_RESOURCES.mediaConvertQueue,
    });
  });

  it("routes Object Created to both functions and job state changes to UpdateUploadStatus, one queue per target", () => {
    const rules = localEventRules();
    expect(rules.map((rule) => [rule.name, rule.targets])).toEqual([
      ["raw-object-created", ["UpdateUploadStatus", "TriggerMediaConvert"]],
      ["mediaconvert-job-state-change", ["UpdateUploadStatus"]],
    ]);
    const queues = rules.flatMap((rule) => rule.targets.map((target) => targetQueueName(rule, target)));
    expect(new Set(queues).size).toBe(3);
    expect(rules[1]?.pattern).toMatchObject({ detail: { userMetadata: { platform: [LOCAL_RESOURCES.platformId] } } });
  });
});
