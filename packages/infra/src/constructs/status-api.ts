import { UPLOAD_TABLE, type PlatformLimits, type PlatformResources, type PlatformTopology } from "@video-platform/shared-types";
import { Construct } from "constructs";
import { HttpLambdaApi, type ApiThrottle } from "./http-lambda-api.js";
import { PlatformFunction } from "./platform-function.js";
import type { StatusTable } from "./status-table.js";

export interface StatusApiProps {
  readonly namePrefix: string;
  readonly artifactZip: string;
  /** Renders its `MovieStatusApi` and the environment of `QueryUploadStatus`. */
  readonly topology: PlatformTopology;
  readonly resources: PlatformResources;
  readonly limits: PlatformLimits;
  readonly table: StatusTable;
  readonly allowedOrigins: readonly string[];
  readonly throttle: ApiThrottle;
  readonly logRetentionDays: number;
}

/** `MovieStatusApi`: `QueryUploadStatus` behind the status routes; read-only on the table. */
export class StatusApi extends Construct {
  readonly handler: PlatformFunction<"QueryUploadStatus">;
  readonly http: HttpLambdaApi;
  readonly url: string;

  constructor(scope: Construct, id: string, props: StatusApiProps) {
    super(scope, id);
    this.handler = new PlatformFunction(this, "QueryUploadStatus", {
      functionName: "QueryUploadStatus",
      namePrefix: props.namePrefix,
      artifactZip: props.artifactZip,
      environment: props.topology.functions.QueryUploadStatus.environment(props.resources, props.limits),
      statements: [
        { sid: "ReadOneUpload", actions: ["dynamodb:GetItem"], resources: [props.table.arn] },
        { sid: "ListUploads", actions: ["dynamodb:Query"], resources: [props.table.indexArn(UPLOAD_TABLE.listIndexName)] },
      ],
      logRetentionDays: props.logRetentionDays,
    });
    this.http = new HttpLambdaApi(this, "MovieStatusApi", {
      apiName: `${props.namePrefix}-MovieStatusApi`,
      api: props.topology.apis.MovieStatusApi,
      functions: { QueryUploadStatus: this.handler },
      allowedOrigins: props.allowedOrigins,
      throttle: props.throttle,
      logRetentionDays: props.logRetentionDays,
    });
    this.url = this.http.url;
  }
}
