import { checkTopology, PLATFORM_TOPOLOGY, UPLOAD_API_ROUTES, type FunctionName, type PlatformTopology } from "@video-platform/shared-types";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { BuildArtifacts } from "../artifacts.js";
import type { EnvironmentConfig } from "../config.js";
import { BrowserCors } from "../constructs/browser-cors.js";
import { DeliveryDistribution, type DeliveryOrigin } from "../constructs/delivery-distribution.js";
import { EventRouting } from "../constructs/event-routing.js";
import { EdgeFirewall, routesPathPrefix } from "../constructs/edge-firewall.js";
import { EdgeLogging } from "../constructs/edge-logging.js";
import type { ApiThrottle } from "../constructs/http-lambda-api.js";
import { LiveStreaming } from "../constructs/live/live-streaming.js";
import { MediaStorage } from "../constructs/media-storage.js";
import type { PlatformFunction } from "../constructs/platform-function.js";
import { PlatformMonitoring } from "../constructs/platform-monitoring.js";
import { StatusApi } from "../constructs/status-api.js";
import { StatusTable } from "../constructs/status-table.js";
import { TranscodingQueue } from "../constructs/transcoding-queue.js";
import { UploadApi } from "../constructs/upload-api.js";
import { VodPipeline } from "../constructs/vod-pipeline.js";
import { WebHosting } from "../constructs/web-hosting.js";
import { configureStateBackend, type RemoteStateSettings } from "../remote-state.js";
import { awsProviders, requireTerraformVersion } from "../terraform-settings.js";

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
    const limits = { maxUploadBytes: config.maxUploadBytes, maxSourceDurationSeconds: config.maxSourceDurationSeconds };

    const providers = awsProviders(this, region, { Project: "video-platform", Environment: config.name, ManagedBy: "terraform" });
    requireTerraformVersion(this);
    configureStateBackend(this, id, region, props.remoteState);

    this.storage = new MediaStorage(this, "Storage", { namePrefix, buckets: topology.buckets, protect: config.deletionProtection });
    this.statusTable = new StatusTable(this, "MovieUploadStatus", {
      namePrefix,
      deletionProtection: config.deletionProtection,
      definition: topology.statusTable,
    });
    this.live = config.liveEnabled
      ? new LiveStreaming(this, "Live", {
          namePrefix,
          channelClass: config.mediaLiveChannelClass,
          srtAllowedCidrs: config.srtAllowedCidrs,
          dashUtcTiming: config.liveDashUtcTiming,
        })
      : undefined;
    // Today the upload API has its own domain, so this prefix matches once the APIs are served
    // through the distribution; the per-IP limit then applies there without further change.
    this.edgeFirewall = config.edgeFirewall
      ? new EdgeFirewall(this, "EdgeFirewall", {
          namePrefix,
          usEast1: providers.usEast1,
          rateLimitedPathPrefix: routesPathPrefix(Object.values(UPLOAD_API_ROUTES)),
          requestsPerIpPer5Minutes: config.edgeFirewall.uploadRequestsPerIpPer5Minutes,
        })
      : undefined;
    this.delivery = new DeliveryDistribution(this, "Delivery", {
      namePrefix,
      webBucket: this.storage.web,
      processedBucket: this.storage.processed,
      priceClass: config.priceClass,
      customDomain: config.customDomain,
      corsOrigins: config.allowedOrigins,
      extraOrigins: [...(this.live ? [this.live.deliveryOrigin] : []), ...(props.extraDeliveryOrigins ?? [])],
      webAclArn: this.edgeFirewall?.arn,
    });
    this.edgeLogging = new EdgeLogging(this, "EdgeLogging", {
      namePrefix,
      distributionArn: this.delivery.distribution.arn,
      retentionDays: config.edgeLogRetentionDays,
      usEast1: providers.usEast1,
      protect: config.deletionProtection,
    });
    const browserOrigins = [this.delivery.siteUrl, ...config.allowedOrigins];
    new BrowserCors(this, "BrowserCors", {
      rawBucket: this.storage.raw,
      processedBucket: this.storage.processed,
      buckets: topology.buckets,
      origins: browserOrigins,
    });

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
    this.uploadApi = new UploadApi(this, "Upload", {
      namePrefix,
      artifactZip: artifacts.functionZips.GeneratePresignedUrl,
      topology,
      resources: this.vod.resources,
      limits,
      table: this.statusTable,
      rawBucket: this.storage.raw,
      allowedOrigins: browserOrigins,
      throttle: UPLOAD_API_THROTTLE,
      logRetentionDays,
    });
    this.statusApi = new StatusApi(this, "Status", {
      namePrefix,
      artifactZip: artifacts.functionZips.QueryUploadStatus,
      topology,
      resources: this.vod.resources,
      limits,
      table: this.statusTable,
      allowedOrigins: browserOrigins,
      throttle: STATUS_API_THROTTLE,
      logRetentionDays,
    });
    this.functions = {
      GeneratePresignedUrl: this.uploadApi.handler,
      QueryUploadStatus: this.statusApi.handler,
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
        uploadApiUrl: this.uploadApi.url,
        statusApiUrl: this.statusApi.url,
        mediaBaseUrl: this.delivery.siteUrl,
        liveHlsPath: this.live?.hlsPath ?? null,
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
      apis: [
        { label: "MovieUploadApi", apiId: this.uploadApi.http.apiId },
        { label: "MovieStatusApi", apiId: this.statusApi.http.apiId },
      ],
      mediaConvertQueueArn: this.vod.mediaConvertQueueArn,
    });

    const output = (name: string, value: string, description: string) => {
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    };
    output("upload_api_url", this.uploadApi.url, "Base URL of MovieUploadApi");
    output("status_api_url", this.statusApi.url, "Base URL of MovieStatusApi");
    output("cloudfront_domain_name", this.delivery.domainName, "Domain name of the CloudFront distribution");
    output("site_url", this.delivery.siteUrl, "Where viewers open the web app");
    output("cloudfront_distribution_id", this.delivery.distribution.id, "For cache invalidations");
    output("raw_bucket_name", this.storage.raw.name, "RawBucket");
    output("processed_bucket_name", this.storage.processed.name, "ProcessedBucket");
    output("web_bucket_name", this.storage.web.name, "WebBucket");
    output("status_table_name", this.statusTable.name, "MovieUploadStatus table");
    output("mediaconvert_job_template", this.vod.jobTemplate.name, "MediaConvert job template name");
    output("mediaconvert_queue_arn", this.transcodingQueue.arn, "This environment's MediaConvert queue");
    output("edge_log_bucket_name", this.edgeLogging.bucket.name, "CloudFront access logs");
    output("alarm_topic_arn", this.monitoring.topic.arn, "SNS topic the alarms notify");
    if (this.live) {
      output("live_srt_ingest_urls", this.live.srtIngestUrls, "Where the encoder pushes SRT (comma-separated, one per pipeline: a STANDARD channel needs a stream to each)");
      output("live_srt_passphrase_secret", this.live.passphraseSecretName, "Secrets Manager secret to fill with the SRT passphrase");
      output("live_channel_id", this.live.channelId, "MediaLive channel: aws medialive start-channel / stop-channel --channel-id");
      output("live_hls_url", `${this.delivery.siteUrl}${this.live.hlsPath}`, "Live HLS playback through CloudFront");
      output("live_dash_url", `${this.delivery.siteUrl}${this.live.dashPath}`, "Live DASH playback through CloudFront");
    }
  }
}
