import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import {
  ENV,
  MEDIACONVERT_JOB_STATE_CHANGE,
  S3_OBJECT_CREATED,
  UPLOAD_KEY_PREFIX,
  VOD_OUTPUT_PREFIX,
} from "@video-platform/shared-types";
import { Construct } from "constructs";
import { accountOf, partitionOf } from "./arn.js";
import { MovieHlsJobTemplate } from "./movie-hls-job-template.js";
import { DEAD_LETTER_RETENTION_SECONDS, PlatformFunction, type AsyncInvocationLimits } from "./platform-function.js";
import { policyDocument } from "./policy-document.js";
import type { PrivateBucket } from "./private-bucket.js";
import type { StatusTable } from "./status-table.js";
import { TranscodingRole } from "./transcoding-role.js";

export interface VodPipelineProps {
  readonly namePrefix: string;
  /** Stamped on every job as `userMetadata.platform`; the job-state rule listens for it alone. */
  readonly platformId: string;
  readonly region: string;
  readonly rawBucket: PrivateBucket;
  readonly processedBucket: PrivateBucket;
  readonly table: StatusTable;
  /** The environment's own MediaConvert queue (`TranscodingQueue`): jobs go there, and only there. */
  readonly mediaConvertQueueArn: string;
  readonly artifactZips: { readonly UpdateUploadStatus: string; readonly TriggerMediaConvert: string };
  readonly logRetentionDays: number;
}

/** EventBridge retries a failed delivery for up to a day before the event goes to the dead letters. */
export const EVENT_DELIVERY_RETRY = { maximumRetryAttempts: 20, maximumEventAgeInSeconds: 24 * 3600 } as const;
/** Lambda's own retries of an async invocation, on top of EventBridge's delivery retries. */
const ASYNC_LIMITS: AsyncInvocationLimits = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 6 * 3600 };

/**
 * Upload to HLS: `RawBucket`'s "Object Created" events under `uploads/` fan out to
 * `UpdateUploadStatus` and `TriggerMediaConvert` (two S3 notifications for one prefix would be
 * refused, EventBridge is the fan-out), and this platform's "MediaConvert Job State Change"
 * events go back to `UpdateUploadStatus`.
 */
export class VodPipeline extends Construct {
  readonly jobTemplate: MovieHlsJobTemplate;
  readonly transcodingRole: TranscodingRole;
  readonly updateUploadStatus: PlatformFunction<"UpdateUploadStatus">;
  readonly triggerMediaConvert: PlatformFunction<"TriggerMediaConvert">;
  readonly uploadCreatedRule: CloudwatchEventRule;
  readonly jobStateRule: CloudwatchEventRule;
  /** Events EventBridge could not deliver to a function. */
  readonly eventDeadLetterQueue: SqsQueue;
  /** The MediaConvert queue jobs run in: the environment's own. */
  readonly mediaConvertQueueArn: string;

  constructor(scope: Construct, id: string, props: VodPipelineProps) {
    super(scope, id);
    const { namePrefix, table } = props;
    const account = accountOf(table.arn);
    const partition = partitionOf(table.arn);

    this.transcodingRole = new TranscodingRole(this, "TranscodingRole", {
      namePrefix,
      rawBucket: props.rawBucket,
      processedBucket: props.processedBucket,
      account,
    });
    this.jobTemplate = new MovieHlsJobTemplate(this, "MovieHlsJobTemplate", { namePrefix });

    const mediaConvertArn = (resource: string) => `arn:${partition}:mediaconvert:${props.region}:${account}:${resource}`;
    this.mediaConvertQueueArn = props.mediaConvertQueueArn;

    // Every status write is one conditional UpdateItem; only the trigger reads the upload first.
    const writeStatus = { sid: "WriteStatus", actions: ["dynamodb:UpdateItem"], resources: [table.arn] };
    this.updateUploadStatus = new PlatformFunction(this, "UpdateUploadStatus", {
      functionName: "UpdateUploadStatus",
      namePrefix,
      artifactZip: props.artifactZips.UpdateUploadStatus,
      environment: { [ENV.uploadTableName]: table.name },
      statements: [writeStatus],
      logRetentionDays: props.logRetentionDays,
      asyncInvocation: ASYNC_LIMITS,
    });
    this.triggerMediaConvert = new PlatformFunction(this, "TriggerMediaConvert", {
      functionName: "TriggerMediaConvert",
      namePrefix,
      artifactZip: props.artifactZips.TriggerMediaConvert,
      environment: {
        [ENV.uploadTableName]: table.name,
        [ENV.mediaConvertRoleArn]: this.transcodingRole.arn,
        [ENV.mediaConvertJobTemplate]: this.jobTemplate.name,
        [ENV.mediaConvertOutputPrefix]: `s3://${props.processedBucket.name}/${VOD_OUTPUT_PREFIX}`,
        [ENV.mediaConvertQueueArn]: this.mediaConvertQueueArn,
        [ENV.platformId]: props.platformId,
      },
      statements: [
        { sid: "ReadAndWriteStatus", actions: ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources: [table.arn] },
        {
          sid: "CreateMovieJobs",
          actions: ["mediaconvert:CreateJob"],
          resources: [mediaConvertArn("jobs/*"), this.mediaConvertQueueArn, mediaConvertArn(`jobTemplates/${this.jobTemplate.name}`)],
        },
        {
          sid: "HandRoleToMediaConvert",
          actions: ["iam:PassRole"],
          resources: [this.transcodingRole.arn],
          conditions: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["mediaconvert.amazonaws.com"] }],
        },
      ],
      logRetentionDays: props.logRetentionDays,
      asyncInvocation: ASYNC_LIMITS,
      timeoutSeconds: 30,
    });

    this.uploadCreatedRule = new CloudwatchEventRule(this, "UploadCreated", {
      name: `${namePrefix}-upload-created`,
      description: `New objects under ${UPLOAD_KEY_PREFIX} in the raw bucket`,
      eventPattern: JSON.stringify({
        source: [S3_OBJECT_CREATED.source],
        "detail-type": [S3_OBJECT_CREATED.detailType],
        detail: { bucket: { name: [props.rawBucket.name] }, object: { key: [{ prefix: UPLOAD_KEY_PREFIX }] } },
      }),
    });
    this.jobStateRule = new CloudwatchEventRule(this, "JobStateChanged", {
      name: `${namePrefix}-mediaconvert-job-state`,
      description: "State changes of this platform's MediaConvert jobs",
      eventPattern: JSON.stringify({
        source: [MEDIACONVERT_JOB_STATE_CHANGE.source],
        "detail-type": [MEDIACONVERT_JOB_STATE_CHANGE.detailType],
        detail: { userMetadata: { platform: [props.platformId] } },
      }),
    });

    this.eventDeadLetterQueue = new SqsQueue(this, "EventDeadLetters", {
      name: `${namePrefix}-vod-events-dlq`,
      messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      sqsManagedSseEnabled: true,
    });
    const rules = [this.uploadCreatedRule, this.jobStateRule];
    new SqsQueuePolicy(this, "EventDeadLettersPolicy", {
      queueUrl: this.eventDeadLetterQueue.url,
      policy: policyDocument(this, "EventDeadLettersPolicyDocument", [
        {
          sid: "EventBridgeDeadLetters",
          actions: ["sqs:SendMessage"],
          resources: [this.eventDeadLetterQueue.arn],
          principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
          conditions: [{ test: "ArnEquals", variable: "aws:SourceArn", values: rules.map((rule) => rule.arn) }],
        },
      ]).json,
    });

    const route = (rule: CloudwatchEventRule, target: PlatformFunction, name: string) => {
      new CloudwatchEventTarget(this, `${name}Target`, {
        rule: rule.name,
        targetId: name,
        arn: target.arn,
        deadLetterConfig: { arn: this.eventDeadLetterQueue.arn },
        retryPolicy: EVENT_DELIVERY_RETRY,
      });
      new LambdaPermission(this, `${name}Permission`, {
        statementId: `AllowEventBridge${name}`,
        action: "lambda:InvokeFunction",
        functionName: target.functionName,
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      });
    };
    route(this.uploadCreatedRule, this.updateUploadStatus, "UploadCreatedToStatus");
    route(this.uploadCreatedRule, this.triggerMediaConvert, "UploadCreatedToTranscoding");
    route(this.jobStateRule, this.updateUploadStatus, "JobStateToStatus");
  }
}
