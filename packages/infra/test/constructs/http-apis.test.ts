import { ENV, PLATFORM_TOPOLOGY, STATUS_API_ROUTES, UPLOAD_API_ROUTES, type PlatformResources } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { locateArtifacts } from "../../src/artifacts.js";
import { HttpLambdaApi, MissingAuthorizerError, MissingRouteFunctionError } from "../../src/constructs/http-lambda-api.js";
import { UserPool } from "../../src/constructs/identity/user-pool.js";
import { PrivateBucket } from "../../src/constructs/private-bucket.js";
import { StatusApi } from "../../src/constructs/status-api.js";
import { StatusTable } from "../../src/constructs/status-table.js";
import { UploadApi } from "../../src/constructs/upload-api.js";
import { synthConstruct } from "../support/synth-construct.js";
import { onlyResource, ref, resourcesOf, statementsOf, type Addressed, type Block, type TerraformJson } from "../support/terraform-json.js";
import { TEST_LIMITS, TEST_PLAYBACK_RESOURCES, TEST_SIGNING_SECRET_ARN } from "../support/test-platform.js";

const artifacts = locateArtifacts();
const throttle = { rateLimit: 10, burstLimit: 20 };
const JOBS_ARN = "arn:aws:mediaconvert:eu-west-1:123456789012:jobs/*";

function synthApis(allowedOrigins: readonly string[] = ["http://localhost:5173"]) {
  return synthConstruct((scope) => {
    const table = new StatusTable(scope, "table", { namePrefix: "vp", deletionProtection: false, definition: PLATFORM_TOPOLOGY.statusTable });
    const rawBucket = new PrivateBucket(scope, "raw", { bucketPrefix: "vp-raw-" });
    const processedBucket = new PrivateBucket(scope, "processed", { bucketPrefix: "vp-processed-" });
    const identity = new UserPool(scope, "identity", { namePrefix: "vp", selfSignUp: false, deletionProtection: false });
    const resources: PlatformResources = {
      platformId: "vp",
      rawBucket: rawBucket.name,
      processedBucket: processedBucket.name,
      statusTable: table.name,
      transcodingRoleArn: "arn:aws:iam::123456789012:role/vp-MediaConvert",
      mediaConvertQueueArn: "arn:aws:mediaconvert:eu-west-1:123456789012:queues/vp-vod",
      ...TEST_PLAYBACK_RESOURCES,
    };
    const shared = { namePrefix: "vp", topology: PLATFORM_TOPOLOGY, resources, limits: TEST_LIMITS, table, allowedOrigins, jwtAuthorizer: identity.jwtAuthorizer };
    const upload = new UploadApi(scope, "Upload", { ...shared, artifactZip: artifacts.functionZips.GeneratePresignedUrl, rawBucket, throttle, logRetentionDays: 30 });
    const status = new StatusApi(scope, "Status", {
      ...shared,
      artifactZips: artifacts.functionZips,
      rawBucket,
      processedBucket,
      playbackSigningSecretArn: TEST_SIGNING_SECRET_ARN,
      mediaConvertJobsArn: JOBS_ARN,
      throttle,
      logRetentionDays: 30,
    });
    return { upload, status };
  });
}

const apiNamed = (stack: TerraformJson, name: string) => resourcesOf(stack, "aws_apigatewayv2_api").find((api) => api.config.name === name)!;
const routesOf = (stack: TerraformJson, apiName: string) =>
  resourcesOf(stack, "aws_apigatewayv2_route").filter((route) => route.config.api_id === ref(apiNamed(stack, apiName), "id"));
const functionNamed = (stack: TerraformJson, name: string) => resourcesOf(stack, "aws_lambda_function").find((fn) => fn.config.function_name === name)!;
const variablesOf = (fn: Addressed) => (fn.config.environment as { variables: Record<string, string> }).variables;
/** A function's grants besides its own logs. */
const grantsOf = (stack: TerraformJson, functionName: string) => {
  const policy = resourcesOf(stack, "aws_iam_role_policy").find((candidate) => String(candidate.config.role).includes(`_${functionName}_`))!;
  return statementsOf(stack, policy.config.policy).filter((statement) => statement.sid !== "WriteOwnLogs");
};

describe("MovieUploadApi and MovieStatusApi", () => {
  const { stack } = synthApis();
  const table = onlyResource(stack, "aws_dynamodb_table");
  const bucketNamed = (prefix: string) => resourcesOf(stack, "aws_s3_bucket").find((bucket) => bucket.config.bucket_prefix === prefix)!;

  it("serve exactly the shared route keys", () => {
    expect(routesOf(stack, "vp-MovieUploadApi").map((route) => route.config.route_key).sort()).toEqual(Object.values(UPLOAD_API_ROUTES).sort());
    expect(routesOf(stack, "vp-MovieStatusApi").map((route) => route.config.route_key).sort()).toEqual(Object.values(STATUS_API_ROUTES).sort());
  });

  it("let no route through without a Cognito access token of the pool, issued to the web client", () => {
    const pool = onlyResource(stack, "aws_cognito_user_pool");
    const client = onlyResource(stack, "aws_cognito_user_pool_client");
    for (const apiName of ["vp-MovieUploadApi", "vp-MovieStatusApi"]) {
      const api = apiNamed(stack, apiName);
      const routes = routesOf(stack, apiName);
      expect(routes.length).toBeGreaterThan(0);
      for (const route of routes) {
        expect(route.config.authorization_type, String(route.config.route_key)).toBe("JWT");
        const authorizer = resourcesOf(stack, "aws_apigatewayv2_authorizer").find((candidate) => route.config.authorizer_id === ref(candidate, "id"));
        expect(authorizer, String(route.config.route_key)).toBeDefined();
        expect(authorizer!.config).toMatchObject({
          api_id: ref(api, "id"),
          authorizer_type: "JWT",
          identity_sources: ["$request.header.Authorization"],
          jwt_configuration: { issuer: `https://${ref(pool, "endpoint")}`, audience: [ref(client, "id")] },
        });
      }
    }
  });

  it("refuse a signed-in route without an authorizer, and a route whose function they were not given", () => {
    const build = (access: "public" | "signed-in", withFunction: boolean) => () =>
      synthConstruct((scope) => {
        const api = { routes: { listStatuses: { routeKey: "GET /api/status", function: "QueryUploadStatus", access } } } as const;
        const functions = withFunction ? { QueryUploadStatus: {} as never } : {};
        return new HttpLambdaApi(scope, "api", { apiName: "vp-api", api, functions, allowedOrigins: [], throttle, logRetentionDays: 30 });
      });
    expect(build("signed-in", true)).toThrow(MissingAuthorizerError);
    expect(build("signed-in", false)).toThrow(MissingRouteFunctionError);
  });

  it("answer CORS only for the configured extra origins, with the Authorization header, and none at all without them", () => {
    expect(apiNamed(stack, "vp-MovieUploadApi").config).toMatchObject({
      protocol_type: "HTTP",
      cors_configuration: {
        allow_origins: ["http://localhost:5173"],
        allow_methods: ["DELETE", "GET", "POST", "OPTIONS"],
        allow_headers: ["authorization", "content-type"],
      },
    });
    const { stack: sameOrigin } = synthApis([]);
    for (const api of resourcesOf(sameOrigin, "aws_apigatewayv2_api")) expect(api.config.cors_configuration).toBeUndefined();
  });

  it("proxy each route to the function the topology names, with payload format 2.0", () => {
    for (const route of resourcesOf(stack, "aws_apigatewayv2_route")) {
      const integration = resourcesOf(stack, "aws_apigatewayv2_integration").find((candidate) => route.config.target === `integrations/${ref(candidate, "id")}`)!;
      expect(integration.config).toMatchObject({ integration_type: "AWS_PROXY", payload_format_version: "2.0" });
      const expected = Object.values({ ...PLATFORM_TOPOLOGY.apis.MovieUploadApi.routes, ...PLATFORM_TOPOLOGY.apis.MovieStatusApi.routes }).find(
        (candidate) => candidate.routeKey === route.config.route_key,
      )!;
      expect(integration.config.integration_uri).toBe(ref(functionNamed(stack, `vp-${expected.function}`), "invoke_arn"));
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
    for (const permission of resourcesOf(stack, "aws_lambda_permission")) {
      const fn = resourcesOf(stack, "aws_lambda_function").find((candidate) => permission.config.function_name === ref(candidate, "function_name"))!;
      const apiName = String(fn.config.function_name) === "vp-GeneratePresignedUrl" ? "vp-MovieUploadApi" : "vp-MovieStatusApi";
      expect(permission.config).toMatchObject({
        principal: "apigateway.amazonaws.com",
        source_arn: `${ref(apiNamed(stack, apiName), "execution_arn")}/*/*`,
      });
    }
  });

  it("give GeneratePresignedUrl the upload limit and quotas, upload-key grants on the raw bucket and the owner index to count with", () => {
    const fn = functionNamed(stack, "vp-GeneratePresignedUrl");
    expect(variablesOf(fn)).toMatchObject({
      [ENV.maxUploadBytes]: "1024",
      [ENV.maxOpenUploadsPerUser]: "3",
      [ENV.maxUploadBytesPerUserPerDay]: "4096",
    });
    const grants = grantsOf(stack, "GeneratePresignedUrl");
    expect(grants.find((statement) => statement.sid === "SignUploads")!.resources).toEqual([`${ref(bucketNamed("vp-raw-"), "arn")}/uploads/*`]);
    expect(grants.find((statement) => statement.sid === "CountOwnUploads")).toMatchObject({
      actions: ["dynamodb:Query"],
      resources: [`${ref(table, "arn")}/index/ByOwner`],
    });
  });

  it("give their functions no dead-letter queue: API Gateway invokes synchronously, so none could ever receive", () => {
    expect(resourcesOf(stack, "aws_sqs_queue")).toEqual([]);
    for (const fn of resourcesOf(stack, "aws_lambda_function")) expect(fn.config.dead_letter_config, fn.address).toBeUndefined();
  });

  it("let QueryUploadStatus read items, query both list indexes and read exactly the signing secret", () => {
    expect(grantsOf(stack, "QueryUploadStatus")).toEqual([
      expect.objectContaining({ actions: ["dynamodb:GetItem"], resources: [ref(table, "arn")] }),
      expect.objectContaining({
        actions: ["dynamodb:Query"],
        resources: [`${ref(table, "arn")}/index/ByCreatedAt`, `${ref(table, "arn")}/index/ByOwner`],
      }),
      expect.objectContaining({ actions: ["secretsmanager:GetSecretValue"], resources: [TEST_SIGNING_SECRET_ARN] }),
    ]);
    expect(variablesOf(functionNamed(stack, "vp-QueryUploadStatus"))).toMatchObject({
      [ENV.siteUrl]: TEST_PLAYBACK_RESOURCES.siteUrl,
      [ENV.playbackSigningSecret]: TEST_SIGNING_SECRET_ARN,
      [ENV.playbackPublicKeyIds]: "{}",
      [ENV.privateLivePathPrefix]: "",
    });
  });

  it("let DeleteVideo remove one record, its upload, its renditions and cancel its job: nothing more", () => {
    const raw = ref(bucketNamed("vp-raw-"), "arn");
    const processed = ref(bucketNamed("vp-processed-"), "arn");
    const grants = grantsOf(stack, "DeleteVideo");
    expect(grants).toEqual([
      expect.objectContaining({ actions: ["dynamodb:GetItem", "dynamodb:DeleteItem"], resources: [ref(table, "arn")] }),
      expect.objectContaining({ actions: ["s3:DeleteObject", "s3:AbortMultipartUpload"], resources: [`${raw}/uploads/*`] }),
      expect.objectContaining({
        actions: ["s3:ListBucket"],
        resources: [processed],
        condition: [{ test: "StringLike", variable: "s3:prefix", values: ["vod/*"] }],
      }),
      expect.objectContaining({ actions: ["s3:DeleteObject"], resources: [`${processed}/vod/*`] }),
      expect.objectContaining({ actions: ["mediaconvert:CancelJob"], resources: [JOBS_ARN] }),
    ]);
    const fn = functionNamed(stack, "vp-DeleteVideo");
    expect(variablesOf(fn)).toMatchObject({
      [ENV.uploadTableName]: ref(table, "name"),
      [ENV.rawBucketName]: ref(bucketNamed("vp-raw-"), "bucket"),
      [ENV.processedBucketName]: ref(bucketNamed("vp-processed-"), "bucket"),
    });
    // Deleting a long video's renditions pages through thousands of objects; API Gateway waits 29 s.
    expect(fn.config.timeout as number).toBeGreaterThan(10);
    expect(fn.config.timeout as number).toBeLessThan(29);
    expect(grants.flatMap((statement) => (statement as Block).actions as string[])).not.toContain("s3:GetObject");
  });
});
