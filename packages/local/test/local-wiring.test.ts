import {
  ENV,
  FUNCTION_ENV,
  parseFunctionEnv,
  PLATFORM_TOPOLOGY,
  S3ObjectCreatedEvent,
  STATUS_API_ROUTES,
  UPLOAD_API_ROUTES,
} from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { undoMotoS3EventDeviations } from "../src/events/moto-event-fixes.js";
import { LOCAL_LIMITS, LOCAL_RESOURCES } from "../src/local-resources.js";
import { localWiring } from "../src/local-wiring.js";

/** What moto 5.2.1 puts on the bus for a PutObject (copied field by field from a captured event). */
const motoObjectCreated = {
  version: "0",
  id: "17793124-05d4-b198-2fde-7ededc63b103",
  "detail-type": "Object Created",
  source: "aws.s3",
  account: "123456789012",
  time: "2025-01-01T00:00:00Z",
  region: "us-east-1",
  resources: ["arn:aws:s3:::raw"],
  detail: {
    version: "0",
    bucket: { name: "raw" },
    object: { key: "uploads/a.mp4", size: 5, eTag: "5d41402abc4b2a76b9719d911017c592", "version-id": "null", sequencer: "617f08299329d189" },
    reason: "ObjectCreated",
  },
};

describe("undoMotoS3EventDeviations", () => {
  it("gives moto's S3 event the etag member S3 sends and an id of its own", () => {
    expect(S3ObjectCreatedEvent.safeParse(motoObjectCreated).success).toBe(false);
    const fixed = undoMotoS3EventDeviations(motoObjectCreated, "message-1");
    const parsed = S3ObjectCreatedEvent.parse(fixed);
    expect(parsed.id).toBe("message-1");
    expect(parsed.detail.object.etag).toBe("5d41402abc4b2a76b9719d911017c592");
    expect((fixed as typeof motoObjectCreated).detail.object).not.toHaveProperty("eTag");
  });

  it("leaves events from elsewhere, and S3 events already right, alone", () => {
    const mediaConvert = { source: "aws.mediaconvert", id: "x", detail: { status: "COMPLETE" } };
    expect(undoMotoS3EventDeviations(mediaConvert, "m")).toBe(mediaConvert);
    const right = { ...motoObjectCreated, detail: { ...motoObjectCreated.detail, object: { key: "k", size: 1, etag: "e" } } };
    expect((undoMotoS3EventDeviations(right, "m") as typeof right).detail.object).toEqual({ key: "k", size: 1, etag: "e" });
    expect(undoMotoS3EventDeviations("text", "m")).toBe("text");
  });
});

describe("the local wiring", () => {
  const endpoints = { aws: "http://127.0.0.1:1", mediaConvert: "http://127.0.0.1:2" };
  const wiring = localWiring(PLATFORM_TOPOLOGY, { endpoints, webOrigin: "http://127.0.0.1:3", functionLogLevel: "WARN" });

  it("gives every function its topology environment over the local names, which its own parser accepts, pointed at the local endpoints", () => {
    expect(wiring.functions.map((fn) => fn.name).sort()).toEqual(Object.keys(FUNCTION_ENV).sort());
    for (const fn of wiring.functions) {
      expect(() => parseFunctionEnv(fn.name, fn.environment)).not.toThrow();
      expect(fn.environment).toMatchObject({
        AWS_ENDPOINT_URL: endpoints.aws,
        AWS_ENDPOINT_URL_MEDIACONVERT: endpoints.mediaConvert,
        [ENV.serviceName]: fn.name,
        [ENV.logLevel]: "WARN",
      });
      expect(fn.module).toBe(`@video-platform/handlers/bundles/${PLATFORM_TOPOLOGY.functions[fn.name].artifact}`);
    }
    expect(wiring.functions.find((fn) => fn.name === "TriggerMediaConvert")?.environment).toMatchObject({
      [ENV.mediaConvertOutputPrefix]: `s3://${LOCAL_RESOURCES.processedBucket}/vod/`,
      [ENV.platformId]: LOCAL_RESOURCES.platformId,
      [ENV.mediaConvertQueueArn]: LOCAL_RESOURCES.mediaConvertQueueArn,
    });
  });

  it("routes Object Created to both functions and job state changes to UpdateUploadStatus, one queue per target", () => {
    expect(wiring.rules.map((rule) => [rule.name, rule.targets.map((target) => target.function)])).toEqual([
      ["upload-created", ["UpdateUploadStatus", "TriggerMediaConvert"]],
      ["mediaconvert-job-state", ["UpdateUploadStatus"]],
    ]);
    const queues = wiring.rules.flatMap((rule) => rule.targets.map((target) => target.queueName));
    expect(new Set(queues).size).toBe(3);
    expect(JSON.parse(wiring.rules[0]?.eventPattern ?? "{}")).toMatchObject({ detail: { bucket: { name: [LOCAL_RESOURCES.rawBucket] } } });
    expect(JSON.parse(wiring.rules[1]?.eventPattern ?? "{}")).toMatchObject({ detail: { userMetadata: { platform: [LOCAL_RESOURCES.platformId] } } });
  });

  it("serves each API's routes with the function behind them, and lets the web origin PUT uploads and read their ETag", () => {
    const routes = Object.fromEntries(wiring.apis.map((api) => [api.name, api.routes.map((route) => [route.routeKey, route.function])]));
    expect(routes).toEqual({
      MovieUploadApi: Object.values(UPLOAD_API_ROUTES).map((key) => [key, "GeneratePresignedUrl"]),
      MovieStatusApi: Object.values(STATUS_API_ROUTES).map((key) => [key, key === "DELETE /api/videos/{uploadId}" ? "DeleteVideo" : "QueryUploadStatus"]),
    });
    // Every route of the platform needs a signed-in caller; the API fronts read this, not a list of their own.
    expect(new Set(wiring.apis.flatMap((api) => api.routes.map((route) => route.access)))).toEqual(new Set(["signed-in"]));
    const raw = wiring.buckets.find((bucket) => bucket.name === LOCAL_RESOURCES.rawBucket);
    expect(raw).toMatchObject({ eventBridge: true, cors: { AllowedOrigins: ["http://127.0.0.1:3"], AllowedMethods: ["PUT"], ExposeHeaders: ["ETag"] } });
    expect(wiring.table.create.TableName).toBe(LOCAL_RESOURCES.statusTable);
  });

  it("sends the static front's /api/... paths to the API the distribution routes them to", () => {
    expect(Object.fromEntries(wiring.apis.map((api) => [api.name, api.pathPrefixes]))).toEqual({
      MovieUploadApi: ["/api/uploads"],
      MovieStatusApi: ["/api/live", "/api/status", "/api/videos"],
    });
  });

  it("gives QueryUploadStatus the site's origin, the signing secret, the key ids and the live privacy; GeneratePresignedUrl the quotas", () => {
    const envOf = (name: string, w = wiring) => w.functions.find((fn) => fn.name === name)?.environment;
    expect(envOf("QueryUploadStatus")).toMatchObject({
      [ENV.siteUrl]: "http://127.0.0.1:3",
      [ENV.playbackSigningSecret]: LOCAL_RESOURCES.playbackSigningSecret,
      [ENV.playbackPublicKeyIds]: "{}",
      [ENV.privateLivePathPrefix]: "",
    });
    expect(envOf("GeneratePresignedUrl")).toMatchObject({
      [ENV.maxOpenUploadsPerUser]: String(LOCAL_LIMITS.uploadQuota.maxOpenUploads),
      [ENV.maxUploadBytesPerUserPerDay]: String(LOCAL_LIMITS.uploadQuota.maxBytesPerDay),
    });

    const running = localWiring(PLATFORM_TOPOLOGY, {
      endpoints,
      webOrigin: "http://127.0.0.1:3",
      functionLogLevel: "WARN",
      playback: { publicKeyIds: { local: "K2ABCDEFGHIJKL" }, privateLivePathPrefix: "/out/v1/local/" },
      limits: { ...LOCAL_LIMITS, uploadQuota: { maxOpenUploads: 2, maxBytesPerDay: 1000 } },
    });
    const query = parseFunctionEnv("QueryUploadStatus", envOf("QueryUploadStatus", running) ?? {});
    expect(query[ENV.playbackPublicKeyIds]).toEqual({ local: "K2ABCDEFGHIJKL" });
    expect(query[ENV.privateLivePathPrefix]).toBe("/out/v1/local/");
    const upload = parseFunctionEnv("GeneratePresignedUrl", envOf("GeneratePresignedUrl", running) ?? {});
    expect(upload).toMatchObject({ [ENV.maxOpenUploadsPerUser]: 2, [ENV.maxUploadBytesPerUserPerDay]: 1000 });
  });
});
