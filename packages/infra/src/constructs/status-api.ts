import {
  LIST_INDEX_NAME,
  OWNER_INDEX_NAME,
  UPLOAD_KEY_PREFIX,
  VOD_OUTPUT_PREFIX,
  type PlatformLimits,
  type PlatformResources,
  type PlatformTopology,
} from "@video-platform/shared-types";
import { Construct } from "constructs";
import { HttpLambdaApi, type ApiThrottle } from "./http-lambda-api.js";
import type { JwtAuthorizerSettings } from "./identity/user-pool.js";
import { PlatformFunction } from "./platform-function.js";
import type { PrivateBucket } from "./private-bucket.js";
import type { StatusTable } from "./status-table.js";

export interface StatusApiProps {
  readonly namePrefix: string;
  readonly artifactZips: { readonly QueryUploadStatus: string; readonly DeleteVideo: string };
  /** Renders its `MovieStatusApi` and the environments of `QueryUploadStatus` and `DeleteVideo`. */
  readonly topology: PlatformTopology;
  readonly resources: PlatformResources;
  readonly limits: PlatformLimits;
  readonly table: StatusTable;
  readonly rawBucket: PrivateBucket;
  readonly processedBucket: PrivateBucket;
  /** The secret holding the playback signing key: `QueryUploadStatus` may read it and nothing else. */
  readonly playbackSigningSecretArn: string;
  /** ARN pattern of this environment's MediaConvert jobs (`arn:…:mediaconvert:<region>:<account>:jobs/*`). */
  readonly mediaConvertJobsArn: string;
  readonly allowedOrigins: readonly string[];
  readonly jwtAuthorizer: JwtAuthorizerSettings;
  readonly throttle: ApiThrottle;
  readonly logRetentionDays: number;
}

/** A video's objects may take a few list-and-delete pages; API Gateway waits 29 s at most. */
const DELETE_VIDEO_TIMEOUT_SECONDS = 28;

/**
 * `MovieStatusApi`: `QueryUploadStatus` (statuses, lists, playback cookies; reads the table and the
 * signing key) and `DeleteVideo` (removes a video: its job, its objects, its record), each with
 * only its own grants.
 */
export class StatusApi extends Construct {
  readonly handler: PlatformFunction<"QueryUploadStatus">;
  readonly deleteVideo: PlatformFunction<"DeleteVideo">;
  readonly http: HttpLambdaApi;
  readonly url: string;

  constructor(scope: Construct, id: string, props: StatusApiProps) {
    super(scope, id);
    const { functions } = props.topology;
    this.handler = new PlatformFunction(this, "QueryUploadStatus", {
      functionName: "QueryUploadStatus",
      namePrefix: props.namePrefix,
      artifactZip: props.artifactZips.QueryUploadStatus,
      environment: functions.QueryUploadStatus.environment(props.resources, props.limits),
      statements: [
        { sid: "ReadOneUpload", actions: ["dynamodb:GetItem"], resources: [props.table.arn] },
        {
          // Everyone's uploads (admins) and one owner's ("my videos").
          sid: "ListUploads",
          actions: ["dynamodb:Query"],
          resources: [props.table.indexArn(LIST_INDEX_NAME), props.table.indexArn(OWNER_INDEX_NAME)],
        },
        { sid: "ReadPlaybackSigningKey", actions: ["secretsmanager:GetSecretValue"], resources: [props.playbackSigningSecretArn] },
      ],
      logRetentionDays: props.logRetentionDays,
    });

    this.deleteVideo = new PlatformFunction(this, "DeleteVideo", {
      functionName: "DeleteVideo",
      namePrefix: props.namePrefix,
      artifactZip: props.artifactZips.DeleteVideo,
      environment: functions.DeleteVideo.environment(props.resources, props.limits),
      statements: [
        { sid: "ReadAndRemoveRecord", actions: ["dynamodb:GetItem", "dynamodb:DeleteItem"], resources: [props.table.arn] },
        {
          // The original, or what an unfinished multipart upload stored of it.
          sid: "RemoveUpload",
          actions: ["s3:DeleteObject", "s3:AbortMultipartUpload"],
          resources: [props.rawBucket.objectsArn(UPLOAD_KEY_PREFIX)],
        },
        {
          sid: "ListRenditions",
          actions: ["s3:ListBucket"],
          resources: [props.processedBucket.arn],
          conditions: [{ test: "StringLike", variable: "s3:prefix", values: [`${VOD_OUTPUT_PREFIX}*`] }],
        },
        { sid: "RemoveRenditions", actions: ["s3:DeleteObject"], resources: [props.processedBucket.objectsArn(VOD_OUTPUT_PREFIX)] },
        // IAM cannot tell one queue's jobs from another's: the environment's account and region is the bound.
        { sid: "CancelRunningJob", actions: ["mediaconvert:CancelJob"], resources: [props.mediaConvertJobsArn] },
      ],
      logRetentionDays: props.logRetentionDays,
      timeoutSeconds: DELETE_VIDEO_TIMEOUT_SECONDS,
    });

    this.http = new HttpLambdaApi(this, "MovieStatusApi", {
      apiName: `${props.namePrefix}-MovieStatusApi`,
      api: props.topology.apis.MovieStatusApi,
      functions: { QueryUploadStatus: this.handler, DeleteVideo: this.deleteVideo },
      allowedOrigins: props.allowedOrigins,
      jwtAuthorizer: props.jwtAuthorizer,
      throttle: props.throttle,
      logRetentionDays: props.logRetentionDays,
    });
    this.url = this.http.url;
  }
}
