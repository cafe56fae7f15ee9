import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { methodsOf, type FunctionName, type HttpApiDefinition, type RouteAccess } from "@video-platform/shared-types";
import { Construct } from "constructs";
import type { PlatformFunction } from "./platform-function.js";

export interface ApiThrottle {
  /** Requests per second, sustained. */
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface HttpLambdaApiProps {
  readonly apiName: string;
  /** Its routes and the function behind each: one API of the topology. */
  readonly api: HttpApiDefinition;
  /** The functions its routes name. */
  readonly functions: Partial<Readonly<Record<FunctionName, PlatformFunction>>>;
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

/** How API Gateway checks the caller of a route with this access. */
function authorizationOf(access: RouteAccess): { readonly authorizationType: "NONE" } {
  switch (access) {
    case "public":
      return { authorizationType: "NONE" };
  }
}

export class MissingRouteFunctionError extends Error {
  override readonly name = "MissingRouteFunctionError";
}

/**
 * An API Gateway HTTP API (payload format 2.0) rendering one API of the topology: exactly its
 * routes, each proxied to its function, CORS for the allowed origins, throttling and access logs
 * on its one auto-deployed stage.
 */
export class HttpLambdaApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  /** Base URL, without a trailing slash. */
  readonly url: string;
  readonly apiId: string;

  constructor(scope: Construct, id: string, props: HttpLambdaApiProps) {
    super(scope, id);
    this.api = new Apigatewayv2Api(this, "api", {
      name: props.apiName,
      protocolType: "HTTP",
      corsConfiguration: {
        allowOrigins: [...props.allowedOrigins],
        allowMethods: [...methodsOf(Object.values(props.api.routes).map((route) => route.routeKey)), "OPTIONS"],
        allowHeaders: ["content-type"],
        maxAge: 3600,
      },
    });
    this.apiId = this.api.id;
    this.url = this.api.apiEndpoint;

    // One integration, and one grant to invoke, per function behind the routes.
    const integrations = new Map<FunctionName, Apigatewayv2Integration>();
    const integrationOf = (name: FunctionName, routeKey: string) => {
      const handler = props.functions[name];
      if (!handler) throw new MissingRouteFunctionError(`${props.apiName}: route ${routeKey} needs ${name}, which was not given`);
      let integration = integrations.get(name);
      if (!integration) {
        integration = new Apigatewayv2Integration(this, `integration-${name}`, {
          apiId: this.api.id,
          integrationType: "AWS_PROXY",
          integrationUri: handler.invokeArn,
          payloadFormatVersion: "2.0",
          timeoutMilliseconds: 29_000,
        });
        new LambdaPermission(this, `invoke-${name}`, {
          statementId: "AllowInvokeFromHttpApi",
          action: "lambda:InvokeFunction",
          functionName: handler.functionName,
          principal: "apigateway.amazonaws.com",
          // Any stage and route of this API, and of no other.
          sourceArn: `${this.api.executionArn}/*/*`,
        });
        integrations.set(name, integration);
      }
      return integration;
    };
    for (const route of Object.values(props.api.routes)) {
      new Apigatewayv2Route(this, `route-${route.routeKey.replace(/[^A-Za-z0-9]+/g, "-")}`, {
        apiId: this.api.id,
        routeKey: route.routeKey,
        target: `integrations/${integrationOf(route.function, route.routeKey).id}`,
        ...authorizationOf(route.access),
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
  }
}
