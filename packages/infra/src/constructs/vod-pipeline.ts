import { UPLOAD_KEY_PREFIX, type PlatformLimits, type PlatformResources, type PlatformTopology } from "@video-platform/shared-types";
import { Construct } from "constructs";
import { accountOf, partitionOf } from "./arn.js";
import { MovieHlsJobTemplate } from "./movie-hls-job-template.js";
import { PlatformFunction, type AsyncInvocationLimits } from "./platform-function.js";
import type { PrivateBucket } from "./private-bucket.js";
import type { StatusTable } from "./status-table.js";
import { TranscodingRole } from "./transcoding-role.js";

export interface VodPipelineProps {
  readonly namePrefix: string;
  readonly region: string;
  /** Renders the environments of `UpdateUploadStatus` and `TriggerMediaConvert`. */
  readonly topology: PlatformTopology;
  /** The platform's resources besides the one this pipeline makes (the MediaConvert role). */
  readonly resources: Omit<PlatformResources, "transcodingRoleArn">;
  readonly limits: PlatformLimits;
  readonly rawBucket: PrivateBucket;
  readonly processedBucket: PrivateBucket;
  readonly table: StatusTable;
  readonly artifactZips: { readonly UpdateUploadStatus: string; readonly TriggerMediaConvert: string };
  readonly logRetentionDays: number;
}

/** Lambda's own retries of an async invocation, on top of EventBridge's delivery retries. */
const ASYNC_LIMITS: AsyncInvocationLimits = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 6 * 3600 };

/**
 * Upload to HLS: the MediaConvert role and `MovieHLS` job template, and the two functions the
 * topology's event rules invoke: `TriggerMediaConvert` (probes each upload and starts its job)
 * and `UpdateUploadStatus` (records what S3 and MediaConvert report). Jobs carry complete
 * settings derived from the `MovieHLS` rungs and name no template; the template stays deployed
 * as the named default ladder, for the console and for jobs made by hand.
 */
export class VodPipeline extends Construct {
  readonly jobTemplate: MovieHlsJobTemplate;
  readonly transcodingRole: TranscodingRole;
  readonly updateUploadStatus: PlatformFunction<"UpdateUploadStatus">;
  readonly triggerMediaConvert: PlatformFunction<"TriggerMediaConvert">;
  /** The platform's resources, completed with the role made here. */
  readonly resources: PlatformResources;
  /** Every MediaConvert job of the environment's account and region (what CreateJob and CancelJob act on). */
  readonly mediaConvertJobsArn: string;

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
    this.resources = { ...props.resources, transcodingRoleArn: this.transcodingRole.arn };
    const { functions } = props.topology;

    const mediaConvertArn = (resource: string) => `arn:${partition}:mediaconvert:${props.region}:${account}:${resource}`;
    this.mediaConvertJobsArn = mediaConvertArn("jobs/*");

    // Every status write is one conditional UpdateItem; only the trigger reads the upload first.
    const writeStatus = { sid: "WriteStatus", actions: ["dynamodb:UpdateItem"], resources: [table.arn] };
    this.updateUploadStatus = new PlatformFunction(this, "UpdateUploadStatus", {
      functionName: "UpdateUploadStatus",
      namePrefix,
      artifactZip: props.artifactZips.UpdateUploadStatus,
      environment: functions.UpdateUploadStatus.environment(this.resources, props.limits),
      statements: [writeStatus],
      logRetentionDays: props.logRetentionDays,
      asyncInvocation: ASYNC_LIMITS,
    });
    this.triggerMediaConvert = new PlatformFunction(this, "TriggerMediaConvert", {
      functionName: "TriggerMediaConvert",
      namePrefix,
      artifactZip: props.artifactZips.TriggerMediaConvert,
      environment: functions.TriggerMediaConvert.environment(this.resources, props.limits),
      statements: [
        { sid: "ReadAndWriteStatus", actions: ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources: [table.arn] },
        {
          sid: "CreateMovieJobs",
          actions: ["mediaconvert:CreateJob"],
          resources: [this.mediaConvertJobsArn, props.resources.mediaConvertQueueArn],
        },
        // Probe has no resource-level permissions ("*" is the only resource IAM accepts for it),
        // and reads the upload with the function's own credentials, hence the read below.
        { sid: "ProbeUploads", actions: ["mediaconvert:Probe"], resources: ["*"] },
        { sid: "ReadUploadsToProbe", actions: ["s3:GetObject"], resources: [props.rawBucket.objectsArn(UPLOAD_KEY_PREFIX)] },
        // A file that lands after its record is gone (deleted, aborted, expired) belongs to nobody.
        { sid: "RemoveOrphanedUploads", actions: ["s3:DeleteObject"], resources: [props.rawBucket.objectsArn(UPLOAD_KEY_PREFIX)] },
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
  }
}
