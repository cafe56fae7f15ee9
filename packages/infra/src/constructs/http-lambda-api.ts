import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { methodsOf, type FunctionName, type HttpApiDefinition, type RouteAccess } from "@video-platform/shared-types";
import { Construct } from "constructs";
import type { JwtAuthorizerSettings } from "./identity/user-pool.js";
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
  /**
   * Browser origins besides the distribution's own that may call the API cross-origin (a dev
   * server); none, and the API answers no CORS at all: the app calls it through the distribution,
   * same-origin.
   */
  readonly allowedOrigins: readonly string[];
  /** Who signs callers in: the user pool's issuer and the web client. Required when a route is `signed-in`. */
  readonly jwtAuthorizer?: JwtAuthorizerSettings;
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

type RouteAuthorization = { readonly authorizationType: "NONE" } | { readonly authorizationType: "JWT"; readonly authorizerId: string };

/** How API Gateway checks the caller of a route with this access; `signedIn` gives the JWT authorizer's id. */
function authorizationOf(access: RouteAccess, signedIn: () => string): RouteAuthorization {
  switch (access) {
    case "public":
      return { authorizationType: "NONE" };
    case "signed-in":
      return { authorizationType: "JWT", authorizerId: signedIn() };
  }
}

/** The header the web app sends its Cognito access token in (`Bearer <token>`). */
export const ACCESS_TOKEN_HEADER = "Authorization";

export class MissingRouteFunctionError extends Error {
  override readonly name = "MissingRouteFunctionError";
}

export class MissingAuthorizerError extends Error {
  override readonly name = "MissingAuthorizerError";
}

/**
 * An API Gateway HTTP API (payload format 2.0) rendering one API of the topology: exactly its
 * routes, each proxied to its function and guarded as its access says (a `signed-in` route by
 * the JWT authorizer: a Cognito access token of the pool, for the web client, not expired), CORS
 * for the allowed origins only, throttling and access logs on its one auto-deployed stage.
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
      corsConfiguration:
        props.allowedOrigins.length === 0
          ? undefined
          : {
              allowOrigins: [...props.allowedOrigins],
              allowMethods: [...methodsOf(Object.values(props.api.routes).map((route) => route.routeKey)), "OPTIONS"],
              allowHeaders: [ACCESS_TOKEN_HEADER.toLowerCase(), "content-type"],
              maxAge: 3600,
            },
    });
    this.apiId = this.api.id;
    this.url = this.api.apiEndpoint;

    let authorizer: Apigatewayv2Authorizer | undefined;
    const signedIn = (routeKey: string) => () => {
      if (!props.jwtAuthorizer) throw new MissingAuthorizerError(`${props.apiName}: route ${routeKey} needs a signed-in caller, and no JWT authorizer was given`);
      authorizer ??= new Apigatewayv2Authorizer(this, "signed-in", {
        apiId: this.api.id,
        name: "cognito-access-token",
        authorizerType: "JWT",
        identitySources: [`$request.header.${ACCESS_TOKEN_HEADER}`],
        // An access token has no `aud`: API Gateway matches the audience against its `client_id`.
        jwtConfiguration: { issuer: props.jwtAuthorizer.issuer, audience: [...props.jwtAuthorizer.audience] },
      });
      return authorizer.id;
    };

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
        ...authorizationOf(route.access, signedIn(route.routeKey)),
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
