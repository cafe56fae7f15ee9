import { fileURLToPath } from "node:url";
import { startMotoServer } from "@video-platform/aws-emulator";
import { PLATFORM_TOPOLOGY, type ApiName, type FunctionName, type PlatformTopology } from "@video-platform/shared-types";
import { startApiFront } from "./api/api-front.js";
import { startEventPump } from "./events/event-pump.js";
import { LocalFunction } from "./lambda/local-function.js";
import { liveHlsRoute } from "./live/live-hls-route.js";
import { LOCAL_LIVE_HLS_PATH } from "./live/live-paths.js";
import { startSrtLiveIngest, type SrtLiveIngestOptions } from "./live/srt-live-ingest.js";
import { LOCAL_RESOURCES } from "./local-resources.js";
import { localWiring } from "./local-wiring.js";
import { startMediaConvertStandIn, type ReceivedCall } from "@video-platform/mediaconvert-stand-in";
import { awsClients, provisionEmulatedAws, type AwsClients } from "./provision-emulated-aws.js";
import { localWebAppConfig } from "./web/web-app-config.js";
import { startStaticFront } from "./web/static-front.js";

export interface LocalPlatformOptions {
  /** Port of the web app; 0 (the default) takes a free one. */
  readonly webPort?: number;
  /** x264 preset of the MediaConvert stand-in. */
  readonly preset?: string;
  /** How often a running job reports progress; the job's own interval (10 s) when not set. */
  readonly statusUpdateIntervalMs?: number;
  /** The built web app; `apps/web/dist` by default. */
  readonly webRoot?: string;
  /** Log level of the functions (Powertools). */
  readonly functionLogLevel?: string;
  /** The live channel: an SRT listener on loopback, served as live HLS. On unless `false`. */
  readonly live?: false | Omit<SrtLiveIngestOptions, "log" | "outputDir">;
  /** What to run: the platform's topology unless a test passes a variant. */
  readonly topology?: PlatformTopology;
  readonly log?: (line: string) => void;
}

export interface LocalLiveChannel {
  /** What an encoder pushes to: `srt://127.0.0.1:<port>`. */
  readonly publishUrl: string;
  /** The live playlist's path on the web front, as in config.json. */
  readonly hlsPath: string;
}

export interface LocalPlatform {
  readonly webUrl: string;
  readonly uploadApiUrl: string;
  readonly statusApiUrl: string;
  /** Base URL of each API of the topology. */
  readonly apiUrls: Readonly<Record<ApiName, string>>;
  readonly awsEndpoint: string;
  readonly mediaConvertEndpoint: string;
  /** Every call the MediaConvert stand-in received (Probe, CreateJob, ...), in the SDK's member names. */
  readonly mediaConvertCalls: readonly ReceivedCall[];
  /** The live channel, unless it was turned off. */
  readonly live: LocalLiveChannel | undefined;
  /** Clients on the emulated AWS, for tests and tools. */
  readonly aws: AwsClients;
  stop(): Promise<void>;
}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../node_modules/@video-platform/web/dist", import.meta.url));

/**
 * Starts the whole VOD flow on loopback, rendered from the topology: moto_server with the
 * topology's buckets, table and rules, the MediaConvert stand-in, a process per function, the
 * event pump, an API front per API and the web front, plus the live channel's SRT ingest.
 * Whatever started is stopped again if a later step fails, and `stop()` leaves no process behind.
 */
export async function startLocalPlatform(options: LocalPlatformOptions = {}): Promise<LocalPlatform> {
  const log = options.log ?? (() => undefined);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => log(`stop failed: ${String(error)}`));
    }
  };
  try {
    const moto = await startMotoServer();
    stops.push(() => moto.stop());
    const aws = awsClients(moto.endpoint);
    stops.push(async () => {
      for (const client of Object.values(aws)) client.destroy();
    });

    const ingest = options.live === false ? undefined : await startSrtLiveIngest({ ...options.live, log });
    if (ingest) stops.push(() => ingest.stop());
    const liveHlsPath = ingest ? LOCAL_LIVE_HLS_PATH : null;

    // Filled in once the API fronts listen; config.json is only asked for after start.
    const apiUrls: Partial<Record<ApiName, string>> = {};
    const web = await startStaticFront({
      webRoot: options.webRoot ?? DEFAULT_WEB_ROOT,
      s3: aws.s3,
      processedBucket: LOCAL_RESOURCES.processedBucket,
      config: () =>
        localWebAppConfig({ uploadApiUrl: apiUrls.MovieUploadApi ?? "", statusApiUrl: apiUrls.MovieStatusApi ?? "", liveHlsPath }),
      ...(ingest ? { live: liveHlsRoute({ outputDir: ingest.outputDir }) } : {}),
      ...(options.webPort === undefined ? {} : { port: options.webPort }),
    });
    stops.push(() => web.stop());

    const mediaConvert = await startMediaConvertStandIn({
      s3: aws.s3,
      eventBridge: aws.eventBridge,
      region: LOCAL_RESOURCES.region,
      accountId: LOCAL_RESOURCES.accountId,
      log,
      ...(options.preset ? { preset: options.preset } : {}),
      ...(options.statusUpdateIntervalMs ? { statusUpdateIntervalMs: options.statusUpdateIntervalMs } : {}),
    });
    stops.push(() => mediaConvert.stop());

    const wiring = localWiring(options.topology ?? PLATFORM_TOPOLOGY, {
      endpoints: { aws: moto.endpoint, mediaConvert: mediaConvert.endpoint },
      webOrigin: web.url,
      functionLogLevel: options.functionLogLevel ?? "WARN",
    });
    const queues = await provisionEmulatedAws(aws, wiring);

    const functions = Object.fromEntries(
      wiring.functions.map((fn) => [fn.name, new LocalFunction({ ...fn, onLog: (line) => log(`[${fn.name}] ${line}`) })]),
    ) as Record<FunctionName, LocalFunction>;
    stops.push(async () => {
      await Promise.all(Object.values(functions).map((fn) => fn.stop()));
    });
    await Promise.all(Object.values(functions).map((fn) => fn.warm()));

    const pump = startEventPump({
      sqs: aws.sqs,
      log,
      routes: queues.map((queue) => ({
        queueUrl: queue.url,
        describe: `${queue.rule} → ${queue.target}`,
        invoke: (event) => functions[queue.target].invoke(event),
      })),
    });
    // Stopped before the functions, so no event is taken that nothing can finish.
    stops.push(() => pump.stop());

    for (const api of wiring.apis) {
      const front = await startApiFront({
        name: api.name,
        routes: api.routes.map((route) => ({
          routeKey: route.routeKey,
          access: route.access,
          invoke: (event: unknown) => functions[route.function].invoke(event),
        })),
        allowOrigins: [web.url],
        log,
      });
      stops.push(() => front.stop());
      apiUrls[api.name] = front.url;
    }
    const { MovieUploadApi: uploadApiUrl = "", MovieStatusApi: statusApiUrl = "" } = apiUrls;

    return {
      webUrl: web.url,
      uploadApiUrl,
      statusApiUrl,
      apiUrls: apiUrls as Record<ApiName, string>,
      awsEndpoint: moto.endpoint,
      mediaConvertEndpoint: mediaConvert.endpoint,
      mediaConvertCalls: mediaConvert.received,
      live: ingest ? { publishUrl: ingest.publishUrl, hlsPath: LOCAL_LIVE_HLS_PATH } : undefined,
      aws,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
