import { describe, expect, it } from "vitest";
import { PlatformMonitoring } from "../../src/constructs/platform-monitoring.js";
import { synthConstruct } from "../support/synth-construct.js";
import { onlyResource, ref, resourcesOf } from "../support/terraform-json.js";

const props = {
  namePrefix: "vp",
  region: "eu-west-1",
  functions: [{ label: "QueryUploadStatus", functionName: "vp-QueryUploadStatus" }],
  deadLetterQueues: [{ label: "QueryUploadStatus-dlq", queueName: "vp-QueryUploadStatus-dlq" }],
  apis: [{ label: "MovieStatusApi", apiId: "abc123" }],
  mediaConvertQueueArn: "arn:aws:mediaconvert:eu-west-1:123456789012:queues/Default",
};

describe("PlatformMonitoring", () => {
  it("alarms on errors, throttles, dead letters, API 5xx and failed transcodes, all to one topic", () => {
    const { stack } = synthConstruct((scope) => new PlatformMonitoring(scope, "Monitoring", props));
    const topic = onlyResource(stack, "aws_sns_topic");
    const alarms = Object.fromEntries(resourcesOf(stack, "aws_cloudwatch_metric_alarm").map((alarm) => [alarm.config.alarm_name, alarm.config]));
    expect(Object.keys(alarms).sort()).toEqual([
      "vp-MovieStatusApi-5xx",
      "vp-QueryUploadStatus-dlq-dead-letters",
      "vp-QueryUploadStatus-errors",
      "vp-QueryUploadStatus-throttles",
      "vp-mediaconvert-job-errors",
    ]);
    expect(alarms["vp-QueryUploadStatus-dlq-dead-letters"]).toMatchObject({
      namespace: "AWS/SQS",
      metric_name: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "vp-QueryUploadStatus-dlq" },
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
    });
    expect(alarms["vp-MovieStatusApi-5xx"]).toMatchObject({ namespace: "AWS/ApiGateway", metric_name: "5xx", dimensions: { ApiId: "abc123" } });
    expect(alarms["vp-mediaconvert-job-errors"]).toMatchObject({ namespace: "AWS/MediaConvert", metric_name: "JobsErroredCount" });
    for (const alarm of Object.values(alarms)) {
      expect(alarm).toMatchObject({ alarm_actions: [ref(topic, "arn")], treat_missing_data: "notBreaching" });
    }
    expect(resourcesOf(stack, "aws_sns_topic_subscription")).toEqual([]);
  });

  it("subscribes the alarm e-mail when one is configured", () => {
    const { stack } = synthConstruct((scope) => new PlatformMonitoring(scope, "Monitoring", { ...props, alarmEmail: "ops@example.com" }));
    expect(onlyResource(stack, "aws_sns_topic_subscription").config).toMatchObject({ protocol: "email", endpoint: "ops@example.com" });
  });

  it("draws a dashboard of the same metrics", () => {
    const { stack } = synthConstruct((scope) => new PlatformMonitoring(scope, "Monitoring", props));
    const body = JSON.parse(String(onlyResource(stack, "aws_cloudwatch_dashboard").config.dashboard_body)) as {
      widgets: { properties: { title: string; metrics: unknown[][] } }[];
    };
    const titles = body.widgets.map((widget) => widget.properties.title);
    expect(titles).toEqual(expect.arrayContaining(["Lambda errors", "Lambda throttles", "Dead-letter queues", "API 5xx", "MediaConvert jobs"]));
    const errors = body.widgets.find((widget) => widget.properties.title === "Lambda errors")!;
    expect(errors.properties.metrics[0]).toEqual(["AWS/Lambda", "Errors", "FunctionName", "vp-QueryUploadStatus", { stat: "Sum", label: "QueryUploadStatus" }]);
  });
});
