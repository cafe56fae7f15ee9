import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Construct } from "constructs";
import type { PlatformFunction } from "./platform-function.js";

export interface ApiThrottle {
  /** Requests per second, sustained. */
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface HttpLambdaApiProps {
  readonly apiName: string;
  /** API Gateway route keys (`POST /uploads`), all served by one function. */
  readonly routeKeys: readonly string[];
  readonly handler: PlatformFunction;
  readonly allowedOrigins: readonly string[];
  readonly throttle: ApiThrottle;
  readonly logRetentionDays: number;
}

/** What one access-log line records; API Gateway fills in each `$context` variable. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  ip: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLength: "$context.responseLength",
  latencyMs: "$context.responseLatency",
  integrationError: "$context.integrationErrorMessage",
});

/**
 * An API Gateway HTTP API in front of one function (payload format 2.0): exactly the routes
 * given, CORS for the allowed origins, throttling and access logs on its one auto-deployed stage.
 */
export class HttpLambdaApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  /** Base URL, without a trailing slash. */
  readonly url: string;
  readonly apiId: string;

  constructor(scope: Construct, id: string, props: HttpLambdaApiProps) {
    super(scope, id);
    const methods = [...new Set(props.routeKeys.map((key) => key.split(" ")[0] ?? ""))].sort();
    this.api = new Apigatewayv2Api(this, "api", {
      name: props.apiName,
      protocolType: "HTTP",
      corsConfiguration: {
        allowOrigins: [...props.allowedOrigins],
        allowMethods: [...methods, "OPTIONS"],
        allowHeaders: ["content-type"],
        maxAge: 3600,
      },
    });
    this.apiId = this.api.id;
    this.url = this.api.apiEndpoint;

    const integration = new Apigatewayv2Integration(this, "integration", {
      apiId: this.api.id,
      integrationType: "AWS_PROXY",
      integrationUri: props.handler.invokeArn,
      payloadFormatVersion: "2.0",
      timeoutMilliseconds: 29_000,
    });
    for (const routeKey of props.routeKeys) {
      new Apigatewayv2Route(this, `route-${routeKey.replace(/[^A-Za-z0-9]+/g, "-")}`, {
        apiId: this.api.id,
        routeKey,
        target: `integrations/${integration.id}`,
      });
    }

    const accessLogs = new CloudwatchLogGroup(this, "access-logs", {
      name: `/aws/apigateway/${props.apiName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.stage = new Apigatewayv2Stage(this, "stage", {
      apiId: this.api.id,
      name: "$default",
      autoDeploy: true,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: {
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
        detailedMetricsEnabled: true,
      },
    });

    new LambdaPermission(this, "invoke", {
      statementId: "AllowInvokeFromHttpApi",
      action: "lambda:InvokeFunction",
      functionName: props.handler.functionName,
      principal: "apigateway.amazonaws.com",
      // Any stage and route of this API, and of no other.
      sourceArn: `${this.api.executionArn}/*/*`,
    });
  }
}
