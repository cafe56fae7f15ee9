import {
  apiPathPrefixesOf,
  checkTopology,
  PLATFORM_TOPOLOGY,
  type ApiName,
  type FunctionName,
  type PlatformLimits,
  type PlatformTopology,
} from "@video-platform/shared-types";
import { Lazy, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { BuildArtifacts } from "../artifacts.js";
import type { EnvironmentConfig } from "../config.js";
import { BrowserCors } from "../constructs/browser-cors.js";
import { DeliveryDistribution, type DeliveryOrigin } from "../constructs/delivery-distribution.js";
import { EventRouting } from "../constructs/event-routing.js";
import { EdgeFirewall } from "../constructs/edge-firewall.js";
import { EdgeLogging } from "../constructs/edge-logging.js";
import type { ApiThrottle, HttpLambdaApi } from "../constructs/http-lambda-api.js";
import { UserPool } from "../constructs/identity/user-pool.js";
import { LiveStreaming } from "../constructs/live/live-streaming.js";
import { MediaStorage } from "../constructs/media-storage.js";
import type { PlatformFunction } from "../constructs/platform-function.js";
import { PlatformMonitoring } from "../constructs/platform-monitoring.js";
import { PlaybackSigningKeys } from "../constructs/playback/playback-signing-keys.js";
import { StatusApi } from "../constructs/status-api.js";
import { StatusTable } from "../constructs/status-table.js";
import { TranscodingQueue } from "../constructs/transcoding-queue.js";
import { UploadApi } from "../constructs/upload-api.js";
import { VodPipeline } from "../constructs/vod-pipeline.js";
import { WebHosting } from "../constructs/web-hosting.js";
import type { RemoteStateSettings } from "../remote-state.js";
import { configureStack, usEast1Provider } from "../terraform-settings.js";
import { platformOutputs } from "./platform-outputs.js";

export interface PlatformStackProps {
  readonly config: EnvironmentConfig;
  readonly artifacts: BuildArtifacts;
  readonly remoteState?: RemoteStateSettings;
  /** Origins served by the distribution besides the buckets (the live channel, when on). */
  readonly extraDeliveryOrigins?: readonly DeliveryOrigin[];
  /** What the stack renders: the platform's topology unless a test passes a variant. */
  readonly topology?: PlatformTopology;
}

/** Per-route limits: generous for people, tight enough that a runaway client cannot run up a bill. */
const UPLOAD_API_THROTTLE: ApiThrottle = { rateLimit: 50, burstLimit: 100 };
const STATUS_API_THROTTLE: ApiThrottle = { rateLimit: 100, burstLimit: 200 };

/** The whole platform for one environment; it only composes constructs. */
export class PlatformStack extends TerraformStack {
  readonly storage: MediaStorage;
  readonly statusTable: StatusTable;
  /** The accounts: user pool, web client, `admin` group. */
  readonly identity: UserPool;
  /** The signing secret and the public keys CloudFront checks playback cookies with. */
  readonly playbackKeys: PlaybackSigningKeys;
  readonly delivery: DeliveryDistribution;
  /** The live channel, in environments where live is on. */
  readonly live: LiveStreaming | undefined;
  readonly vod: VodPipeline;
  readonly uploadApi: UploadApi;
  readonly statusApi: StatusApi;
  readonly events: EventRouting;
  /** Every function of the platform, by name. */
  readonly functions: Readonly<Record<FunctionName, PlatformFunction>>;
  readonly web: WebHosting;
  readonly monitoring: PlatformMonitoring;
  readonly transcodingQueue: TranscodingQueue;
  readonly edgeLogging: EdgeLogging;
  /** The CloudFront web ACL, in environments that have one. */
  readonly edgeFirewall: EdgeFirewall | undefined;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    const { config, artifacts } = props;
    const { namePrefix, region } = config;
    const logRetentionDays = config.logRetentionDays;
    const topology = props.topology ?? PLATFORM_TOPOLOGY;
    checkTopology(topology);
    const limits: PlatformLimits = {
      maxUploadBytes: config.maxUploadBytes,
      maxSourceDurationSeconds: config.maxSourceDurationSeconds,
      uploadQuota: config.uploadQuota,
    };

    configureStack(this, id, { region, remoteState: props.remoteState, environment: config.name });
    const usEast1 = usEast1Provider(this, config.name);

    this.storage = new MediaStorage(this, "Storage", { namePrefix, buckets: topology.buckets, protect: config.deletionProtection });
    this.statusTable = new StatusTable(this, "MovieUploadStatus", {
      namePrefix,
      deletionProtection: config.deletionProtection,
      definition: topology.statusTable,
    });
    this.identity = new UserPool(this, "Identity", { namePrefix, selfSignUp: config.selfSignUp, deletionProtection: config.deletionProtection });
    this.playbackKeys = new PlaybackSigningKeys(this, "PlaybackSigningKeys", { namePrefix, publicKeys: config.playbackPublicKeys });
    this.live = config.liveEnabled
      ? new LiveStreaming(this, "Live", {
          namePrefix,
          channelClass: config.mediaLiveChannelClass,
          srtAllowedCidrs: config.srtAllowedCidrs,
          dashUtcTiming: config.liveDashUtcTiming,
          privatePlayback: config.livePrivate,
        })
      : undefined;
    this.edgeFirewall = config.edgeFirewall
      ? new EdgeFirewall(this, "EdgeFirewall", {
          namePrefix,
          usEast1,
          rateLimitedPathPrefixes: apiPathPrefixesOf(topology.apis.MovieUploadApi),
          requestsPerIpPer5Minutes: config.edgeFirewall.uploadRequestsPerIpPer5Minutes,
        })
      : undefined;

    // QueryUploadStatus signs cookies for the distribution's URL, and the distribution routes to its
    // API. Terraform orders that without a cycle (API → distribution → function → integration), but
    // constructs are made one after another: the function's environment reads the URL lazily.
    const siteUrl = Lazy.stringValue({ produce: () => this.delivery.siteUrl });
    this.transcodingQueue = new TranscodingQueue(this, "TranscodingQueue", { namePrefix });
    this.vod = new VodPipeline(this, "Vod", {
      namePrefix,
      region,
      topology,
      resources: {
        platformId: namePrefix,
        rawBucket: this.storage.raw.name,
        processedBucket: this.storage.processed.name,
        statusTable: this.statusTable.name,
        mediaConvertQueueArn: this.transcodingQueue.arn,
        siteUrl,
        playbackSigningSecret: this.playbackKeys.secretArn,
        playbackPublicKeyIds: this.playbackKeys.publicKeyIdsJson,
        privateLivePathPrefix: this.live?.privatePathPrefix ?? "",
      },
      limits,
      rawBucket: this.storage.raw,
      processedBucket: this.storage.processed,
      table: this.statusTable,
      artifactZips: {
        UpdateUploadStatus: artifacts.functionZips.UpdateUploadStatus,
        TriggerMediaConvert: artifacts.functionZips.TriggerMediaConvert,
      },
      logRetentionDays,
    });
    // Browsers reach the APIs through the distribution, same-origin: CORS only for the extra origins.
    const apiAccess = { allowedOrigins: config.allowedOrigins, jwtAuthorizer: this.identity.jwtAuthorizer };
    this.uploadApi = new UploadApi(this, "Upload", {
      namePrefix,
      artifactZip: artifacts.functionZips.GeneratePresignedUrl,
      topology,
      resources: this.vod.resources,
      limits,
      table: this.statusTable,
      rawBucket: this.storage.raw,
      ...apiAccess,
      throttle: UPLOAD_API_THROTTLE,
      logRetentionDays,
    });
    this.statusApi = new StatusApi(this, "Status", {
      namePrefix,
      artifactZips: { QueryUploadStatus: artifacts.functionZips.QueryUploadStatus, DeleteVideo: artifacts.functionZips.DeleteVideo },
      topology,
      resources: this.vod.resources,
      limits,
      table: this.statusTable,
      rawBucket: this.storage.raw,
      processedBucket: this.storage.processed,
      playbackSigningSecretArn: this.playbackKeys.secretArn,
      mediaConvertJobsArn: this.vod.mediaConvertJobsArn,
      ...apiAccess,
      throttle: STATUS_API_THROTTLE,
      logRetentionDays,
    });
    const httpApis: Readonly<Record<ApiName, HttpLambdaApi>> = { MovieUploadApi: this.uploadApi.http, MovieStatusApi: this.statusApi.http };
    const apiNames = Object.keys(httpApis) as ApiName[];

    this.delivery = new DeliveryDistribution(this, "Delivery", {
      namePrefix,
      webBucket: this.storage.web,
      processedBucket: this.storage.processed,
      priceClass: config.priceClass,
      customDomain: config.customDomain,
      corsOrigins: config.allowedOrigins,
      apis: apiNames.map((name) => ({
        name,
        endpoint: httpApis[name].url,
        pathPrefixes: apiPathPrefixesOf(topology.apis[name]),
      })),
      playbackKeyGroupId: this.playbackKeys.keyGroupId,
      extraOrigins: [...(this.live ? [this.live.deliveryOrigin] : []), ...(props.extraDeliveryOrigins ?? [])],
      webAclArn: this.edgeFirewall?.arn,
    });
    this.edgeLogging = new EdgeLogging(this, "EdgeLogging", {
      namePrefix,
      distributionArn: this.delivery.distribution.arn,
      retentionDays: config.edgeLogRetentionDays,
      usEast1,
      protect: config.deletionProtection,
    });
    new BrowserCors(this, "BrowserCors", {
      rawBucket: this.storage.raw,
      processedBucket: this.storage.processed,
      buckets: topology.buckets,
      origins: [this.delivery.siteUrl, ...config.allowedOrigins],
    });

    this.functions = {
      GeneratePresignedUrl: this.uploadApi.handler,
      QueryUploadStatus: this.statusApi.handler,
      DeleteVideo: this.statusApi.deleteVideo,
      UpdateUploadStatus: this.vod.updateUploadStatus,
      TriggerMediaConvert: this.vod.triggerMediaConvert,
    };
    this.events = new EventRouting(this, "Events", {
      namePrefix,
      rules: topology.eventRules,
      resources: this.vod.resources,
      functions: this.functions,
    });

    this.web = new WebHosting(this, "Web", {
      bucket: this.storage.web,
      distDir: artifacts.webDistDir,
      config: {
        auth: { region, userPoolId: this.identity.userPoolId, userPoolClientId: this.identity.webClientId, endpoint: null },
        liveHlsPath: this.live?.hlsPath ?? null,
        livePrivate: this.live !== undefined && config.livePrivate,
        environment: config.name,
      },
    });

    const functions = Object.values(this.functions);
    this.monitoring = new PlatformMonitoring(this, "Monitoring", {
      namePrefix,
      region,
      notifications: config.alarmNotifications,
      functions: functions.map((fn) => ({ label: fn.node.id, functionName: fn.functionName })),
      deadLetterQueues: [
        // Only asynchronously invoked functions have one.
        ...functions.flatMap((fn) => (fn.deadLetterQueue ? [{ label: `${fn.node.id}-dlq`, queueName: fn.deadLetterQueue.name }] : [])),
        { label: "vod-events-dlq", queueName: this.events.deadLetterQueue.name },
      ],
      apis: apiNames.map((name) => ({ label: name, apiId: httpApis[name].apiId })),
      mediaConvertQueueArn: this.transcodingQueue.arn,
    });

    platformOutputs(this);
  }
}
