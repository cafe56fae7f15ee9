import { LOCAL_RESOURCES, localWiring } from "@video-platform/local/wiring";
import { PLATFORM_TOPOLOGY, S3_OBJECT_CREATED, VOD_OUTPUT_PREFIX, type PlatformTopology } from "@video-platform/shared-types";
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { locateArtifacts } from "../src/artifacts.js";
import { ENVIRONMENTS, parseEnvironments } from "../src/config.js";
import { PlatformStack } from "../src/stacks/platform-stack.js";
import { onlyResource, parseStack, ref, resourcesOf, type Addressed } from "./support/terraform-json.js";

/**
 * One edit each to a copy of the platform's topology: a rule, a route under a new path prefix, a
 * table index and the expiry attribute. Both renderings, the Terraform of an environment and the
 * local platform's wiring, must carry every one of them without any other change.
 */
const edited: PlatformTopology = {
  ...PLATFORM_TOPOLOGY,
  eventRules: [
    ...PLATFORM_TOPOLOGY.eventRules,
    {
      name: "rendition-written",
      description: "New HLS output in the processed bucket",
      pattern: (resources) => ({
        source: [S3_OBJECT_CREATED.source],
        "detail-type": [S3_OBJECT_CREATED.detailType],
        detail: { bucket: { name: [resources.processedBucket] }, object: { key: [{ prefix: VOD_OUTPUT_PREFIX }] } },
      }),
      targets: ["UpdateUploadStatus", "QueryUploadStatus"],
    },
  ],
  apis: {
    ...PLATFORM_TOPOLOGY.apis,
    MovieUploadApi: {
      routes: {
        ...PLATFORM_TOPOLOGY.apis.MovieUploadApi.routes,
        importUpload: { routeKey: "POST /api/imports", function: "GeneratePresignedUrl", access: "signed-in" },
      },
    },
  },
  statusTable: {
    ...PLATFORM_TOPOLOGY.statusTable,
    indexes: {
      ...PLATFORM_TOPOLOGY.statusTable.indexes,
      ByStatus: { partitionKey: { name: "Status", type: "S" }, sortKey: { name: "CreatedAt", type: "S" } },
    },
    timeToLiveAttribute: "PurgeAt",
  },
};

const config = parseEnvironments(ENVIRONMENTS).find((environment) => environment.name === "dev")!;
const stack = parseStack(
  Testing.synth(new PlatformStack(Testing.app(), "dev", { config, artifacts: locateArtifacts(), topology: edited })),
);
const wiring = localWiring(edited, {
  endpoints: { aws: "http://127.0.0.1:1", mediaConvert: "http://127.0.0.1:2" },
  webOrigin: "http://127.0.0.1:3",
  functionLogLevel: "WARN",
});

const functionNamed = (name: string): Addressed =>
  resourcesOf(stack, "aws_lambda_function").find((fn) => fn.config.function_name === `${config.namePrefix}-${name}`)!;

describe("an edit to the topology", () => {
  it("adds the rule, with its pattern and each target, to infra's Terraform", () => {
    const rule = resourcesOf(stack, "aws_cloudwatch_event_rule").find((candidate) => candidate.config.name === `${config.namePrefix}-rendition-written`);
    expect(rule).toBeDefined();
    const processed = resourcesOf(stack, "aws_s3_bucket").find((bucket) => String(bucket.config.bucket_prefix).endsWith("-processed-"))!;
    expect(JSON.parse(String(rule!.config.event_pattern))).toMatchObject({
      detail: { bucket: { name: [ref(processed, "bucket")] }, object: { key: [{ prefix: "vod/" }] } },
    });
    const targets = resourcesOf(stack, "aws_cloudwatch_event_target").filter((target) => target.config.rule === ref(rule!, "name"));
    expect(targets.map((target) => target.config.arn).sort()).toEqual(
      [ref(functionNamed("UpdateUploadStatus"), "arn"), ref(functionNamed("QueryUploadStatus"), "arn")].sort(),
    );
    const grants = resourcesOf(stack, "aws_lambda_permission").filter((permission) => permission.config.source_arn === ref(rule!, "arn"));
    expect(grants).toHaveLength(2);
  });

  it("adds the rule to the local platform's wiring, one queue per target, with the local bucket in its pattern", () => {
    const rule = wiring.rules.find((candidate) => candidate.name === "rendition-written");
    expect(rule?.targets.map((target) => target.function)).toEqual(["UpdateUploadStatus", "QueryUploadStatus"]);
    expect(JSON.parse(rule?.eventPattern ?? "{}")).toMatchObject({ detail: { bucket: { name: [LOCAL_RESOURCES.processedBucket] } } });
  });

  it("adds the route in both, behind the authorizer, and its new path prefix to the distribution", () => {
    const api = resourcesOf(stack, "aws_apigatewayv2_api").find((candidate) => String(candidate.config.name).endsWith("-MovieUploadApi"))!;
    const routes = resourcesOf(stack, "aws_apigatewayv2_route").filter((route) => route.config.api_id === ref(api, "id"));
    expect(routes.find((route) => route.config.route_key === "POST /api/imports")?.config.authorization_type).toBe("JWT");
    const distribution = onlyResource(stack, "aws_cloudfront_distribution").config;
    expect(distribution.ordered_cache_behavior).toContainEqual(
      expect.objectContaining({ path_pattern: "/api/imports*", target_origin_id: "api-MovieUploadApi" }),
    );
    const local = wiring.apis.find((candidate) => candidate.name === "MovieUploadApi");
    expect(local?.routes).toContainEqual({ routeKey: "POST /api/imports", function: "GeneratePresignedUrl", access: "signed-in" });
  });

  it("adds the index and the expiry to the table in both", () => {
    const table = onlyResource(stack, "aws_dynamodb_table").config;
    expect(table.global_secondary_index).toContainEqual(expect.objectContaining({ name: "ByStatus", hash_key: "Status", range_key: "CreatedAt" }));
    expect(table.attribute).toContainEqual({ name: "Status", type: "S" });
    expect(table.ttl).toEqual({ attribute_name: "PurgeAt", enabled: true });
    expect(wiring.table.create.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toContain("ByStatus");
    expect(wiring.table.timeToLiveAttribute).toBe("PurgeAt");
  });

  it("leaves the platform's own topology as it was", () => {
    expect(PLATFORM_TOPOLOGY.eventRules.map((rule) => rule.name)).toEqual(["upload-created", "mediaconvert-job-state"]);
    expect(PLATFORM_TOPOLOGY.statusTable.timeToLiveAttribute).toBe("ExpiresAt");
    expect(Object.keys(PLATFORM_TOPOLOGY.statusTable.indexes)).not.toContain("ByStatus");
  });
});
