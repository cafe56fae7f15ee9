import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";

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
  readonly alarmEmail?: string;
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
 * transcodes) sent to one SNS topic with an optional e-mail subscription, and a dashboard of
 * the same metrics.
 */
export class PlatformMonitoring extends Construct {
  readonly topic: SnsTopic;
  readonly alarms: readonly CloudwatchMetricAlarm[];
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: PlatformMonitoringProps) {
    super(scope, id);
    const { namePrefix } = props;
    this.topic = new SnsTopic(this, "alarms", { name: `${namePrefix}-alarms` });
    if (props.alarmEmail !== undefined) {
      new SnsTopicSubscription(this, "email", { topicArn: this.topic.arn, protocol: "email", endpoint: props.alarmEmail });
    }

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
