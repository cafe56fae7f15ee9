import { describe, expect, it } from "vitest";
import {
  apiPathPrefixesOf,
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
  siteUrl: "https://d111.cloudfront.net",
  playbackSigningSecret: "vp-test-playback-signing-key",
  playbackPublicKeyIds: JSON.stringify({ "2026-11": "K2JCJMDEHXQW5F" }),
  privateLivePathPrefix: "",
};
const limits = {
  maxUploadBytes: 1234,
  maxSourceDurationSeconds: 5400,
  uploadQuota: { maxOpenUploads: 3, maxBytesPerDay: 5678 },
};

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
    expect(PLATFORM_TOPOLOGY.functions.GeneratePresignedUrl.environment(resources, limits)).toMatchObject({
      [ENV.maxUploadBytes]: "1234",
      [ENV.maxOpenUploadsPerUser]: "3",
      [ENV.maxUploadBytesPerUserPerDay]: "5678",
    });
    expect(parseFunctionEnv("QueryUploadStatus", PLATFORM_TOPOLOGY.functions.QueryUploadStatus.environment(resources, limits))).toMatchObject({
      [ENV.playbackPublicKeyIds]: { "2026-11": "K2JCJMDEHXQW5F" },
    });
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
      { kind: "route", api: "MovieStatusApi", routeKey: "GET /api/status/{uploadId}" },
      { kind: "route", api: "MovieStatusApi", routeKey: "GET /api/status" },
      { kind: "route", api: "MovieStatusApi", routeKey: "POST /api/videos/{uploadId}/playback" },
      { kind: "route", api: "MovieStatusApi", routeKey: "POST /api/live/playback" },
      { kind: "route", api: "MovieStatusApi", routeKey: "DELETE /api/videos/{uploadId}/playback" },
      { kind: "route", api: "MovieStatusApi", routeKey: "DELETE /api/live/playback" },
    ]);
    expect(functionTriggers(PLATFORM_TOPOLOGY, "DeleteVideo")).toEqual([
      { kind: "route", api: "MovieStatusApi", routeKey: "DELETE /api/videos/{uploadId}" },
    ]);
  });

  it("needs a signed-in caller on every route, all under /api, each path prefix served by one API", () => {
    const routes = Object.values(PLATFORM_TOPOLOGY.apis).flatMap((api) => Object.values(api.routes));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route.access, route.routeKey).toBe("signed-in");
      expect(route.routeKey.split(" ")[1], route.routeKey).toMatch(/^\/api\//);
    }
    expect(apiPathPrefixesOf(PLATFORM_TOPOLOGY.apis.MovieUploadApi)).toEqual(["/api/uploads"]);
    expect(apiPathPrefixesOf(PLATFORM_TOPOLOGY.apis.MovieStatusApi)).toEqual(["/api/live", "/api/status", "/api/videos"]);
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
    expect(broken(withRoute("GET /api/status"))).toThrow(/"GET \/api\/status" is served twice/);
    expect(broken(withRoute("status"))).toThrow(/is not a route key/);
    expect(broken(withRoute("GET /status-probe"))).toThrow(/is not under \/api\//);
    expect(broken({ apis: { ...PLATFORM_TOPOLOGY.apis, MovieStatusApi: { routes: {} } } })).toThrow(/function QueryUploadStatus: no rule or route invokes it/);
    const upload = PLATFORM_TOPOLOGY.apis.MovieUploadApi;
    const stolenPrefix = { routeKey: "GET /api/status/other", function: "GeneratePresignedUrl", access: "signed-in" } as const;
    expect(broken({ apis: { ...PLATFORM_TOPOLOGY.apis, MovieUploadApi: { routes: { ...upload.routes, stolenPrefix } } } })).toThrow(
      /path prefix \/api\/status is also/,
    );
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
        ByTitle: { partitionKey: { name: "Title", type: "S" }, sortKey: { name: "CreatedAt", type: "S" } },
      },
    } as const;
    const input = createTableInput(table, "t");
    expect(input.AttributeDefinitions?.map((attribute) => attribute.AttributeName)).toEqual(["FileName", "ListPartition", "CreatedAt", "OwnerId", "Title"]);
    expect(input.KeySchema).toEqual([{ AttributeName: "FileName", KeyType: "HASH" }]);
    expect(input.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema?.map((key) => key.AttributeName)])).toEqual([
      ["ByCreatedAt", ["ListPartition", "CreatedAt"]],
      ["ByOwner", ["OwnerId", "CreatedAt"]],
      ["ByTitle", ["Title", "CreatedAt"]],
    ]);
  });
});
