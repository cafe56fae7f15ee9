import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Fn, Op, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { AlarmNotifications } from "../config.js";

export interface MonitoredFunction {
  readonly label: string;
  readonly functionName: string;
}
export interface MonitoredQueue {
  readonly label: string;
  readonly queueName: string;
}
export interface MonitoredApi {
  readonly label: string;
  readonly apiId: string;
}

export interface PlatformMonitoringProps {
  readonly namePrefix: string;
  readonly region: string;
  /** Who the alarm topic notifies: e-mail addresses and other SNS subscriptions. */
  readonly notifications: AlarmNotifications;
  readonly functions: readonly MonitoredFunction[];
  /** Dead-letter queues: any message in one is a failure someone must look at. */
  readonly deadLetterQueues: readonly MonitoredQueue[];
  readonly apis: readonly MonitoredApi[];
  readonly mediaConvertQueueArn: string;
}

/** Every alarm here fires on the first occurrence in a 5-minute window. */
const PERIOD_SECONDS = 300;

interface MetricAlarmSpec {
  readonly id: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  readonly statistic: "Sum" | "Maximum";
}

/**
 * Alarms on what needs a person (function errors and throttles, dead letters, API 5xx, failed
 * transcodes) sent to one SNS topic and from there to the configured people and systems, and a
 * dashboard of the same metrics. An e-mail at a reserved example domain (RFC 2606) is subscribed
 * but flagged by a Terraform check on every plan: such mail is never delivered.
 */
export class PlatformMonitoring extends Construct {
  readonly topic: SnsTopic;
  readonly alarms: readonly CloudwatchMetricAlarm[];
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: PlatformMonitoringProps) {
    super(scope, id);
    const { namePrefix } = props;
    this.topic = new SnsTopic(this, "alarms", { name: `${namePrefix}-alarms` });
    const subscriptions = [
      ...props.notifications.emails.map((endpoint) => ({ protocol: "email", endpoint })),
      ...props.notifications.subscriptions,
    ];
    subscriptions.forEach((subscription, index) => {
      const created = new SnsTopicSubscription(this, `subscription-${index}`, {
        topicArn: this.topic.arn,
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
      });
      if (subscription.protocol === "email") warnOfUndeliverableMail(this, `${namePrefix}-alarm-email-${index}`, created);
    });

    const specs: MetricAlarmSpec[] = [
      ...props.functions.flatMap((fn): MetricAlarmSpec[] => [
        {
          id: `${fn.label}-errors`,
          description: `${fn.label} failed`,
          namespace: "AWS/Lambda",
          metricName: "Errors",
          dimensions: { FunctionName: fn.functionName },
          statistic: "Sum",
        },
        {
          id: `${fn.label}-throttles`,
          description: `${fn.label} was throttled`,
          namespace: "AWS/Lambda",
          metricName: "Throttles",
          dimensions: { FunctionName: fn.functionName },
          statistic: "Sum",
        },
      ]),
      ...props.deadLetterQueues.map(
        (queue): MetricAlarmSpec => ({
          id: `${queue.label}-dead-letters`,
          description: `Messages waiting in ${queue.label}`,
          namespace: "AWS/SQS",
          metricName: "ApproximateNumberOfMessagesVisible",
          dimensions: { QueueName: queue.queueName },
          statistic: "Maximum",
        }),
      ),
      ...props.apis.map(
        (api): MetricAlarmSpec => ({
          id: `${api.label}-5xx`,
          description: `${api.label} answered with a server error`,
          namespace: "AWS/ApiGateway",
          metricName: "5xx",
          dimensions: { ApiId: api.apiId },
          statistic: "Sum",
        }),
      ),
      {
        id: "mediaconvert-job-errors",
        description: "MediaConvert jobs ended in ERROR",
        namespace: "AWS/MediaConvert",
        metricName: "JobsErroredCount",
        dimensions: { Queue: props.mediaConvertQueueArn },
        statistic: "Sum",
      },
    ];

    this.alarms = specs.map(
      (spec) =>
        new CloudwatchMetricAlarm(this, spec.id, {
          alarmName: `${namePrefix}-${spec.id}`,
          alarmDescription: spec.description,
          namespace: spec.namespace,
          metricName: spec.metricName,
          dimensions: spec.dimensions,
          statistic: spec.statistic,
          period: PERIOD_SECONDS,
          evaluationPeriods: 1,
          comparisonOperator: "GreaterThanThreshold",
          threshold: 0,
          // No data means nothing happened, which is the healthy case for every metric here.
          treatMissingData: "notBreaching",
          alarmActions: [this.topic.arn],
          okActions: [this.topic.arn],
        }),
    );

    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: `${namePrefix}-overview`,
      dashboardBody: JSON.stringify(dashboardBody(props)),
    });
  }
}

/** Domains reserved for documentation (RFC 2606, RFC 6761): mail to them never arrives. */
export const RESERVED_MAIL_DOMAIN = "@(.+[.])?(example[.](com|net|org)|[^.]+[.](example|invalid|test|localhost))$";

/**
 * A Terraform `check`: every plan and apply warns while the subscription's address is at a
 * reserved domain, so a placeholder cannot pass unnoticed in a pull request's plan.
 */
function warnOfUndeliverableMail(scope: Construct, name: string, subscription: SnsTopicSubscription): void {
  const undeliverable = Fn.can(Fn.regex(`(?i)${RESERVED_MAIL_DOMAIN}`, subscription.endpoint));
  TerraformStack.of(scope).addOverride(`check.${name}`, {
    assert: [
      {
        condition: Op.not(undeliverable),
        error_message: "Alarms are e-mailed to a reserved example domain and reach nobody: set alarmNotifications in packages/infra/src/config.ts.",
      },
    ],
  });
}

type MetricLine = readonly (string | { readonly stat?: string; readonly label?: string })[];

function widget(title: string, metrics: readonly MetricLine[], region: string, index: number) {
  return {
    type: "metric",
    x: (index % 2) * 12,
    y: Math.floor(index / 2) * 6,
    width: 12,
    height: 6,
    properties: { title, region, metrics, period: PERIOD_SECONDS, view: "timeSeries", stacked: false },
  };
}

function dashboardBody(props: PlatformMonitoringProps) {
  const { region } = props;
  const perFunction = (metricName: string, stat: string): MetricLine[] =>
    props.functions.map((fn) => ["AWS/Lambda", metricName, "FunctionName", fn.functionName, { stat, label: fn.label }]);
  const perApi = (metricName: string, stat: string): MetricLine[] =>
    props.apis.map((api) => ["AWS/ApiGateway", metricName, "ApiId", api.apiId, { stat, label: api.label }]);
  const widgets = [
    widget("Lambda errors", perFunction("Errors", "Sum"), region, 0),
    widget("Lambda throttles", perFunction("Throttles", "Sum"), region, 1),
    widget("Lambda invocations", perFunction("Invocations", "Sum"), region, 2),
    widget("Lambda duration p95", perFunction("Duration", "p95"), region, 3),
    widget(
      "Dead-letter queues",
      props.deadLetterQueues.map((queue) => [
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        "QueueName",
        queue.queueName,
        { stat: "Maximum", label: queue.label },
      ]),
      region,
      4,
    ),
    widget("API 5xx", perApi("5xx", "Sum"), region, 5),
    widget("API requests", perApi("Count", "Sum"), region, 6),
    widget(
      "MediaConvert jobs",
      [
        ["AWS/MediaConvert", "JobsCompletedCount", "Queue", props.mediaConvertQueueArn, { stat: "Sum", label: "completed" }],
        ["AWS/MediaConvert", "JobsErroredCount", "Queue", props.mediaConvertQueueArn, { stat: "Sum", label: "errored" }],
      ],
      region,
      7,
    ),
  ];
  return { widgets };
}
