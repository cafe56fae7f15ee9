import { describe, expect, it } from "vitest";
import { PlatformMonitoring, RESERVED_MAIL_DOMAIN } from "../../src/constructs/platform-monitoring.js";
import { synthConstruct } from "../support/synth-construct.js";
import { onlyResource, ref, resourcesOf } from "../support/terraform-json.js";

const props = {
  namePrefix: "vp",
  region: "eu-west-1",
  functions: [{ label: "QueryUploadStatus", functionName: "vp-QueryUploadStatus" }],
  deadLetterQueues: [{ label: "QueryUploadStatus-dlq", queueName: "vp-QueryUploadStatus-dlq" }],
  apis: [{ label: "MovieStatusApi", apiId: "abc123" }],
  mediaConvertQueueArn: "arn:aws:mediaconvert:eu-west-1:123456789012:queues/vp-vod",
  notifications: { emails: [], subscriptions: [] },
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
    // The environment's own queue: another environment's failed jobs do not fire this alarm.
    expect(alarms["vp-mediaconvert-job-errors"]).toMatchObject({
      namespace: "AWS/MediaConvert",
      metric_name: "JobsErroredCount",
      dimensions: { Queue: props.mediaConvertQueueArn },
    });
    for (const alarm of Object.values(alarms)) {
      expect(alarm).toMatchObject({ alarm_actions: [ref(topic, "arn")], treat_missing_data: "notBreaching" });
    }
    expect(resourcesOf(stack, "aws_sns_topic_subscription")).toEqual([]);
  });

  it("subscribes every configured e-mail address and subscription to the alarm topic", () => {
    const notifications = {
      emails: ["ops@studio.example.net", "oncall@studio.tv"],
      subscriptions: [{ protocol: "https" as const, endpoint: "https://hooks.studio.tv/alarms" }],
    };
    const { stack } = synthConstruct((scope) => new PlatformMonitoring(scope, "Monitoring", { ...props, notifications }));
    const topic = onlyResource(stack, "aws_sns_topic");
    const subscriptions = resourcesOf(stack, "aws_sns_topic_subscription").map((subscription) => subscription.config);
    expect(subscriptions.map((subscription) => [subscription.protocol, subscription.endpoint])).toEqual([
      ["email", "ops@studio.example.net"],
      ["email", "oncall@studio.tv"],
      ["https", "https://hooks.studio.tv/alarms"],
    ]);
    for (const subscription of subscriptions) expect(subscription.topic_arn).toBe(ref(topic, "arn"));
  });

  it("warns on every plan while an alarm e-mail is at a reserved example domain", () => {
    const notifications = { emails: ["alarms@example.com", "ops@studio.tv"], subscriptions: [] };
    const { stack } = synthConstruct((scope) => new PlatformMonitoring(scope, "Monitoring", { ...props, notifications }));
    const checks = (stack as { check?: Record<string, { assert: { condition: string; error_message: string }[] }> }).check ?? {};
    // One check per e-mail subscription, each on that subscription's own endpoint.
    const subscriptions = resourcesOf(stack, "aws_sns_topic_subscription");
    expect(Object.values(checks).map((check) => check.assert[0]!.condition)).toEqual(
      subscriptions.map((subscription) => expect.stringContaining(`${subscription.address}.endpoint`)),
    );
    expect(Object.values(checks)[0]!.assert[0]!.error_message).toMatch(/reach nobody.*alarmNotifications/);
    const reserved = new RegExp(RESERVED_MAIL_DOMAIN, "i");
    for (const address of ["alarms@example.com", "a@ops.EXAMPLE.org", "a@studio.test", "a@host.invalid", "a@x.example"]) {
      expect(reserved.test(address), address).toBe(true);
    }
    for (const address of ["ops@studio.tv", "a@example.co.uk", "a@myexample.com", "a@examples.org"]) expect(reserved.test(address), address).toBe(false);
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
