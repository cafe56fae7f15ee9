import { ENV, PLATFORM_TOPOLOGY, STATUS_API_ROUTES, UPLOAD_API_ROUTES, type PlatformResources } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { locateArtifacts } from "../../src/artifacts.js";
import { HttpLambdaApi, MissingRouteFunctionError } from "../../src/constructs/http-lambda-api.js";
import { PrivateBucket } from "../../src/constructs/private-bucket.js";
import { StatusApi } from "../../src/constructs/status-api.js";
import { StatusTable } from "../../src/constructs/status-table.js";
import { UploadApi } from "../../src/constructs/upload-api.js";
import { synthConstruct } from "../support/synth-construct.js";
import { onlyResource, ref, resourcesOf, statementsOf, type TerraformJson } from "../support/terraform-json.js";

const artifacts = locateArtifacts();
const throttle = { rateLimit: 10, burstLimit: 20 };
const origins = ["https://app.example.com"];

function synthApis() {
  return synthConstruct((scope) => {
    const table = new StatusTable(scope, "table", { namePrefix: "vp", deletionProtection: false, definition: PLATFORM_TOPOLOGY.statusTable });
    const rawBucket = new PrivateBucket(scope, "raw", { bucketPrefix: "vp-raw-" });
    const resources: PlatformResources = {
      platformId: "vp",
      rawBucket: rawBucket.name,
      processedBucket: "vp-processed",
      statusTable: table.name,
      transcodingRoleArn: "arn:aws:iam::123456789012:role/vp-MediaConvert",
      mediaConvertQueueArn: "arn:aws:mediaconvert:eu-west-1:123456789012:queues/vp-vod",
    };
    const shared = { namePrefix: "vp", topology: PLATFORM_TOPOLOGY, resources, limits: { maxUploadBytes: 1024, maxSourceDurationSeconds: 3600 }, table };
    const upload = new UploadApi(scope, "Upload", {
      ...shared,
      artifactZip: artifacts.functionZips.GeneratePresignedUrl,
      rawBucket,
      allowedOrigins: origins,
      throttle,
      logRetentionDays: 30,
    });
    const status = new StatusApi(scope, "Status", {
      ...shared,
      artifactZip: artifacts.functionZips.QueryUploadStatus,
      allowedOrigins: origins,
      throttle,
      logRetentionDays: 30,
    });
    return { upload, status };
  });
}

const apiNamed = (stack: TerraformJson, name: string) => resourcesOf(stack, "aws_apigatewayv2_api").find((api) => api.config.name === name)!;
const routesOf = (stack: TerraformJson, apiName: string) =>
  resourcesOf(stack, "aws_apigatewayv2_route")
    .filter((route) => route.config.api_id === ref(apiNamed(stack, apiName), "id"))
    .map((route) => route.config.route_key)
    .sort();

describe("MovieUploadApi and MovieStatusApi", () => {
  const { stack } = synthApis();

  it("serve exactly the shared route keys, each open to any caller", () => {
    expect(routesOf(stack, "vp-MovieUploadApi")).toEqual(Object.values(UPLOAD_API_ROUTES).sort());
    expect(routesOf(stack, "vp-MovieStatusApi")).toEqual(Object.values(STATUS_API_ROUTES).sort());
    for (const route of resourcesOf(stack, "aws_apigatewayv2_route")) expect(route.config.authorization_type).toBe("NONE");
  });

  it("refuse a route whose function they were not given", () => {
    expect(() =>
      synthConstruct((scope) => {
        const api = { routes: { listStatuses: { routeKey: "GET /status", function: "QueryUploadStatus", access: "public" } } } as const;
        return new HttpLambdaApi(scope, "api", { apiName: "vp-api", api, functions: {}, allowedOrigins: origins, throttle, logRetentionDays: 30 });
      }),
    ).toThrow(MissingRouteFunctionError);
  });

  it("are HTTP APIs with CORS for the allowed origins and the methods their routes use", () => {
    expect(apiNamed(stack, "vp-MovieUploadApi").config).toMatchObject({
      protocol_type: "HTTP",
      cors_configuration: { allow_origins: origins, allow_methods: ["DELETE", "GET", "POST", "OPTIONS"], allow_headers: ["content-type"] },
    });
    expect(apiNamed(stack, "vp-MovieStatusApi").config).toMatchObject({ cors_configuration: { allow_methods: ["GET", "OPTIONS"] } });
  });

  it("proxy to their function with payload format 2.0", () => {
    const integrations = resourcesOf(stack, "aws_apigatewayv2_integration").map((integration) => integration.config);
    expect(integrations).toHaveLength(2);
    for (const integration of integrations) {
      expect(integration).toMatchObject({ integration_type: "AWS_PROXY", payload_format_version: "2.0" });
      expect(String(integration.integration_uri)).toMatch(/^\$\{aws_lambda_function\..+\.invoke_arn\}$/);
    }
  });

  it("throttle and log every request on an auto-deployed default stage", () => {
    for (const stage of resourcesOf(stack, "aws_apigatewayv2_stage")) {
      expect(stage.config).toMatchObject({
        name: "$default",
        auto_deploy: true,
        default_route_settings: { throttling_rate_limit: 10, throttling_burst_limit: 20 },
      });
      const logs = stage.config.access_log_settings as { destination_arn: string; format: string };
      expect(logs.destination_arn).toMatch(/^\$\{aws_cloudwatch_log_group\./);
      expect(JSON.parse(logs.format)).toMatchObject({ requestId: "$context.requestId", status: "$context.status" });
    }
  });

  it("let API Gateway invoke each function from its own API only", () => {
    const permissions = resourcesOf(stack, "aws_lambda_permission").map((permission) => permission.config);
    expect(permissions.map((permission) => permission.source_arn).sort()).toEqual(
      [`${ref(apiNamed(stack, "vp-MovieStatusApi"), "execution_arn")}/*/*`, `${ref(apiNamed(stack, "vp-MovieUploadApi"), "execution_arn")}/*/*`].sort(),
    );
    expect(permissions.every((permission) => permission.principal === "apigateway.amazonaws.com")).toBe(true);
  });

  it("give GeneratePresignedUrl the upload limit and only upload-key grants on the raw bucket", () => {
    const fn = resourcesOf(stack, "aws_lambda_function").find((candidate) => candidate.config.function_name === "vp-GeneratePresignedUrl")!;
    const variables = (fn.config.environment as { variables: Record<string, string> }).variables;
    expect(variables[ENV.maxUploadBytes]).toBe("1024");
    const raw = onlyResource(stack, "aws_s3_bucket");
    const policy = resourcesOf(stack, "aws_iam_role_policy").find((candidate) => String(candidate.config.role).includes("GeneratePresignedUrl"))!;
    const s3 = statementsOf(stack, policy.config.policy).find((statement) => statement.sid === "SignUploads")!;
    expect(s3.resources).toEqual([`${ref(raw, "arn")}/uploads/*`]);
  });

  it("give their functions no dead-letter queue: API Gateway invokes synchronously, so none could ever receive", () => {
    expect(resourcesOf(stack, "aws_sqs_queue")).toEqual([]);
    for (const fn of resourcesOf(stack, "aws_lambda_function")) expect(fn.config.dead_letter_config, fn.address).toBeUndefined();
  });

  it("let QueryUploadStatus read items and query the list index, nothing else", () => {
    const policy = resourcesOf(stack, "aws_iam_role_policy").find((candidate) => String(candidate.config.role).includes("QueryUploadStatus"))!;
    const table = onlyResource(stack, "aws_dynamodb_table");
    // Besides its own logs; no dead-letter grant, as an API-invoked function has no queue.
    const grants = statementsOf(stack, policy.config.policy).filter((statement) => statement.sid !== "WriteOwnLogs");
    expect(grants).toEqual([
      expect.objectContaining({ actions: ["dynamodb:GetItem"], resources: [ref(table, "arn")] }),
      expect.objectContaining({ actions: ["dynamodb:Query"], resources: [`${ref(table, "arn")}/index/ByCreatedAt`] }),
    ]);
  });
});
