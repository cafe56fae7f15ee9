import { describe, expect, it } from "vitest";
import {
  checkTopology,
  createTableInput,
  ENV,
  FUNCTION_ARTIFACTS,
  FUNCTION_ENV,
  FUNCTION_NAMES,
  functionTriggers,
  parseFunctionEnv,
  PLATFORM_TOPOLOGY,
  STATUS_API_ROUTES,
  TopologyError,
  UPLOAD_API_ROUTES,
  UPLOAD_TABLE,
  type FunctionName,
  type PlatformResources,
  type PlatformTopology,
} from "../src/index.js";

const resources: PlatformResources = {
  platformId: "vp-test",
  rawBucket: "vp-test-raw",
  processedBucket: "vp-test-processed",
  statusTable: "vp-test-status",
  transcodingRoleArn: "arn:aws:iam::123456789012:role/vp-test-mediaconvert",
  mediaConvertQueueArn: "arn:aws:mediaconvert:eu-west-1:123456789012:queues/vp-test-vod",
};
const limits = { maxUploadBytes: 1234, maxSourceDurationSeconds: 5400 };

describe("the platform topology", () => {
  it("gives every function exactly the variables its schema reads, and values the schema accepts", () => {
    for (const name of FUNCTION_NAMES) {
      const environment = PLATFORM_TOPOLOGY.functions[name].environment(resources, limits);
      expect(Object.keys(environment).sort()).toEqual(Object.keys(FUNCTION_ENV[name].shape).sort());
      expect(() => parseFunctionEnv(name, environment)).not.toThrow();
    }
    expect(PLATFORM_TOPOLOGY.functions.TriggerMediaConvert.environment(resources, limits)).toMatchObject({
      [ENV.mediaConvertOutputPrefix]: "s3://vp-test-processed/vod/",
      [ENV.platformId]: "vp-test",
      [ENV.maxSourceDurationSeconds]: "5400",
    });
    expect(PLATFORM_TOPOLOGY.functions.GeneratePresignedUrl.environment(resources, limits)[ENV.maxUploadBytes]).toBe("1234");
  });

  it("builds the rules' patterns from the resources: new uploads of this raw bucket, jobs of this platform", () => {
    const [uploads, jobs] = PLATFORM_TOPOLOGY.eventRules.map((rule) => rule.pattern(resources));
    expect(uploads).toEqual({
      source: ["aws.s3"],
      "detail-type": ["Object Created"],
      detail: { bucket: { name: ["vp-test-raw"] }, object: { key: [{ prefix: "uploads/" }] } },
    });
    expect(jobs).toMatchObject({ source: ["aws.mediaconvert"], detail: { userMetadata: { platform: ["vp-test"] } } });
  });

  it("says what invokes each function", () => {
    expect(functionTriggers(PLATFORM_TOPOLOGY, "UpdateUploadStatus")).toEqual([
      { kind: "rule", rule: "upload-created" },
      { kind: "rule", rule: "mediaconvert-job-state" },
    ]);
    expect(functionTriggers(PLATFORM_TOPOLOGY, "TriggerMediaConvert")).toEqual([{ kind: "rule", rule: "upload-created" }]);
    expect(functionTriggers(PLATFORM_TOPOLOGY, "QueryUploadStatus")).toEqual([
      { kind: "route", api: "MovieStatusApi", routeKey: "GET /status/{uploadId}" },
      { kind: "route", api: "MovieStatusApi", routeKey: "GET /status" },
    ]);
  });

  it("is where the shared constants come from", () => {
    const keys = (api: keyof PlatformTopology["apis"]) => Object.values(PLATFORM_TOPOLOGY.apis[api].routes).map((route) => route.routeKey);
    expect(Object.values(UPLOAD_API_ROUTES)).toEqual(keys("MovieUploadApi"));
    expect(Object.values(STATUS_API_ROUTES)).toEqual(keys("MovieStatusApi"));
    expect(FUNCTION_ARTIFACTS.TriggerMediaConvert).toBe(PLATFORM_TOPOLOGY.functions.TriggerMediaConvert.artifact);
    expect(UPLOAD_TABLE).toMatchObject({ partitionKey: "FileName", listIndexName: "ByCreatedAt", listPartitionKey: "ListPartition", listSortKey: "CreatedAt" });
  });
});

describe("checkTopology", () => {
  const broken = (change: Partial<PlatformTopology>) => () => checkTopology({ ...PLATFORM_TOPOLOGY, ...change });

  it("accepts the platform's topology", () => {
    expect(() => checkTopology(PLATFORM_TOPOLOGY)).not.toThrow();
  });

  it("refuses rules named twice, badly named, without targets or with unknown ones", () => {
    const [first] = PLATFORM_TOPOLOGY.eventRules;
    if (!first) throw new Error("the platform has rules");
    expect(broken({ eventRules: [...PLATFORM_TOPOLOGY.eventRules, first] })).toThrow(/rule "upload-created": defined twice/);
    expect(broken({ eventRules: [...PLATFORM_TOPOLOGY.eventRules, { ...first, name: "Upload Created" }] })).toThrow(/name must be/);
    expect(broken({ eventRules: [...PLATFORM_TOPOLOGY.eventRules, { ...first, name: "idle", targets: [] }] })).toThrow(/"idle": has no target/);
    const unknown = { ...first, name: "lost", targets: ["Nobody" as FunctionName] };
    expect(broken({ eventRules: [...PLATFORM_TOPOLOGY.eventRules, unknown] })).toThrow(/target Nobody is not a function/);
  });

  it("refuses a route key served twice or not shaped METHOD /path, and a function nothing invokes", () => {
    const status = PLATFORM_TOPOLOGY.apis.MovieStatusApi;
    const withRoute = (routeKey: string) => ({
      apis: { ...PLATFORM_TOPOLOGY.apis, MovieStatusApi: { routes: { ...status.routes, extra: { routeKey, function: "QueryUploadStatus", access: "public" } } } },
    } as const);
    expect(broken(withRoute("GET /status"))).toThrow(/"GET \/status" is served twice/);
    expect(broken(withRoute("status"))).toThrow(/is not a route key/);
    expect(broken({ apis: { ...PLATFORM_TOPOLOGY.apis, MovieStatusApi: { routes: {} } } })).toThrow(/function QueryUploadStatus: no rule or route invokes it/);
  });

  it("refuses a key with two types, and an expiry attribute that is a key", () => {
    const table = PLATFORM_TOPOLOGY.statusTable;
    expect(broken({ statusTable: { ...table, indexes: { ...table.indexes, ByName: { partitionKey: { name: "FileName", type: "N" } } } } })).toThrow(
      /key FileName is both S and N/,
    );
    expect(broken({ statusTable: { ...table, timeToLiveAttribute: "CreatedAt" } })).toThrow(TopologyError);
  });
});

describe("createTableInput", () => {
  it("renders keys and every index, each attribute defined once", () => {
    const table = {
      ...PLATFORM_TOPOLOGY.statusTable,
      indexes: {
        ...PLATFORM_TOPOLOGY.statusTable.indexes,
        ByOwner: { partitionKey: { name: "Owner", type: "S" }, sortKey: { name: "CreatedAt", type: "S" } },
      },
    } as const;
    const input = createTableInput(table, "t");
    expect(input.AttributeDefinitions?.map((attribute) => attribute.AttributeName)).toEqual(["FileName", "ListPartition", "CreatedAt", "Owner"]);
    expect(input.KeySchema).toEqual([{ AttributeName: "FileName", KeyType: "HASH" }]);
    expect(input.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema?.map((key) => key.AttributeName)])).toEqual([
      ["ByCreatedAt", ["ListPartition", "CreatedAt"]],
      ["ByOwner", ["Owner", "CreatedAt"]],
    ]);
  });
});
