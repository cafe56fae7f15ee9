import { OWNER_INDEX_NAME, UPLOAD_KEY_PREFIX, type PlatformLimits, type PlatformResources, type PlatformTopology } from "@video-platform/shared-types";
import { Construct } from "constructs";
import { HttpLambdaApi, type ApiThrottle } from "./http-lambda-api.js";
import type { JwtAuthorizerSettings } from "./identity/user-pool.js";
import { PlatformFunction } from "./platform-function.js";
import type { PrivateBucket } from "./private-bucket.js";
import type { StatusTable } from "./status-table.js";

export interface UploadApiProps {
  readonly namePrefix: string;
  readonly artifactZip: string;
  /** Renders its `MovieUploadApi` and the environment of `GeneratePresignedUrl`. */
  readonly topology: PlatformTopology;
  readonly resources: PlatformResources;
  readonly limits: PlatformLimits;
  readonly table: StatusTable;
  readonly rawBucket: PrivateBucket;
  readonly allowedOrigins: readonly string[];
  readonly jwtAuthorizer: JwtAuthorizerSettings;
  readonly throttle: ApiThrottle;
  readonly logRetentionDays: number;
}

/** `MovieUploadApi`: `GeneratePresignedUrl` behind the upload routes, for signed-in callers. */
export class UploadApi extends Construct {
  readonly handler: PlatformFunction<"GeneratePresignedUrl">;
  readonly http: HttpLambdaApi;
  readonly url: string;

  constructor(scope: Construct, id: string, props: UploadApiProps) {
    super(scope, id);
    const uploads = props.rawBucket.objectsArn(UPLOAD_KEY_PREFIX);
    this.handler = new PlatformFunction(this, "GeneratePresignedUrl", {
      functionName: "GeneratePresignedUrl",
      namePrefix: props.namePrefix,
      artifactZip: props.artifactZip,
      environment: props.topology.functions.GeneratePresignedUrl.environment(props.resources, props.limits),
      statements: [
        {
          sid: "TrackUploads",
          actions: ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
          resources: [props.table.arn],
        },
        {
          // The caller's unfinished uploads, for the open-uploads quota.
          sid: "CountOwnUploads",
          actions: ["dynamodb:Query"],
          resources: [props.table.indexArn(OWNER_INDEX_NAME)],
        },
        {
          // Presigned URLs carry this role's authority: PUT, multipart parts and completion.
          sid: "SignUploads",
          actions: ["s3:PutObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"],
          resources: [uploads],
        },
      ],
      logRetentionDays: props.logRetentionDays,
    });
    this.http = new HttpLambdaApi(this, "MovieUploadApi", {
      apiName: `${props.namePrefix}-MovieUploadApi`,
      api: props.topology.apis.MovieUploadApi,
      functions: { GeneratePresignedUrl: this.handler },
      allowedOrigins: props.allowedOrigins,
      jwtAuthorizer: props.jwtAuthorizer,
      throttle: props.throttle,
      logRetentionDays: props.logRetentionDays,
    });
    this.url = this.http.url;
  }
}
