import { fileURLToPath } from "node:url";
import { startMotoServer } from "@video-platform/aws-emulator";
import {
  PLATFORM_TOPOLOGY,
  type ApiName,
  type FunctionName,
  type PlatformLimits,
  type PlatformTopology,
} from "@video-platform/shared-types";
import { startApiFront } from "./api/api-front.js";
import { createAccessTokenVerifier } from "./auth/access-token-verifier.js";
import { provisionLocalIdentity, type LocalIdentity } from "./auth/local-identity.js";
import { startCognitoFront } from "./auth/moto-cognito-fixes.js";
import { createSignedRequestCheck } from "./auth/signed-request-check.js";
import { startEventPump } from "./events/event-pump.js";
import { LocalFunction } from "./lambda/local-function.js";
import { liveHlsBehaviour } from "./live/live-hls-behaviour.js";
import { LOCAL_LIVE_HLS_PATH, LOCAL_LIVE_PATH_PREFIX } from "./live/live-paths.js";
import { startSrtLiveIngest, type SrtLiveIngestOptions } from "./live/srt-live-ingest.js";
import { LOCAL_RESOURCES } from "./local-resources.js";
import { localWiring } from "./local-wiring.js";
import { startMediaConvertStandIn, type ReceivedCall } from "@video-platform/mediaconvert-stand-in";
import { provisionLocalSigningKey } from "./playback/local-signing-key.js";
import { awsClients, provisionEmulatedAws, type AwsClients } from "./provision-emulated-aws.js";
import { localWebAppConfig } from "./web/web-app-config.js";
import type { ProxiedApi } from "./web/api-proxy.js";
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
  /** Whether the live channel needs playback cookies, as an environment may set it; public unless `true`. */
  readonly livePrivate?: boolean;
  /** The functions' limits (upload size, per-user quotas); `LOCAL_LIMITS` unless a test lowers them. */
  readonly limits?: PlatformLimits;
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

/** Who can sign in, and where: the local user pool with its demo accounts (a user, and a member of the admin group). */
export interface LocalPlatformIdentity extends LocalIdentity {
  /** The Cognito front the web app signs in through (config.json's `auth.endpoint`). */
  readonly cognitoEndpoint: string;
}

export interface LocalPlatform {
  /** The one origin: the web app, `/api/...`, `/vod/...` and the live channel (the site URL). */
  readonly webUrl: string;
  /** Each API's own base URL (what the static front proxies `/api/...` to). */
  readonly apiUrls: Readonly<Record<ApiName, string>>;
  readonly identity: LocalPlatformIdentity;
  /** The signing key of this run: its private key is in moto's Secrets Manager under `secretName`. */
  readonly playbackKey: { readonly secretName: string; readonly keyName: string; readonly keyPairId: string };
  /** Whether the live channel's files need playback cookies here. */
  readonly livePrivate: boolean;
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
 * topology's buckets, table and rules, the user pool with its demo users and the Cognito front,
 * a playback signing key, the MediaConvert stand-in, a process per function, the event pump, an
 * API front per API (checking tokens as the JWT authorizer does) and the static front (the one
 * origin, checking signed cookies as CloudFront does), plus the live channel's SRT ingest.
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
  /** A piece that runs until stopped: its stop is registered the moment it has started. */
  const started = async <T>(starting: Promise<T>, stopOf: (piece: T) => () => Promise<void>): Promise<T> => {
    const piece = await starting;
    stops.push(stopOf(piece));
    return piece;
  };
  try {
    const moto = await started(startMotoServer(), (server) => () => server.stop());
    const aws = awsClients(moto.endpoint);
    stops.push(async () => {
      for (const client of Object.values(aws)) client.destroy();
    });

    // Independent of each other, so started together.
    const [identity, signingKey, ingest, cognitoFront, mediaConvert] = await allStarted([
      provisionLocalIdentity(moto.endpoint),
      provisionLocalSigningKey(aws.secretsManager, LOCAL_RESOURCES.playbackSigningSecret),
      options.live === false ? undefined : started(startSrtLiveIngest({ ...options.live, log }), (listener) => () => listener.stop()),
      started(startCognitoFront(moto.endpoint), (front) => () => front.close()),
      started(
        startMediaConvertStandIn({
          s3: aws.s3,
          eventBridge: aws.eventBridge,
          region: LOCAL_RESOURCES.region,
          accountId: LOCAL_RESOURCES.accountId,
          log,
          ...(options.preset ? { preset: options.preset } : {}),
          ...(options.statusUpdateIntervalMs ? { statusUpdateIntervalMs: options.statusUpdateIntervalMs } : {}),
        }),
        (standIn) => () => standIn.stop(),
      ),
    ]);
    const liveHlsPath = ingest ? LOCAL_LIVE_HLS_PATH : null;
    const livePrivate = ingest !== undefined && options.livePrivate === true;
    const privateLivePathPrefix = livePrivate ? LOCAL_LIVE_PATH_PREFIX : "";

    // Known once the wiring is computed and the API fronts listen; config.json and /api/... are
    // only asked for after start.
    const apiUrls: Partial<Record<ApiName, string>> = {};
    let proxiedApis: readonly ProxiedApi[] = [];
    const web = await started(
      startStaticFront({
        webRoot: options.webRoot ?? DEFAULT_WEB_ROOT,
        s3: aws.s3,
        processedBucket: LOCAL_RESOURCES.processedBucket,
        config: () =>
          localWebAppConfig({
            auth: { region: identity.region, userPoolId: identity.userPoolId, userPoolClientId: identity.webClientId },
            cognitoEndpoint: cognitoFront.url,
            liveHlsPath,
            livePrivate,
          }),
        apis: () => proxiedApis,
        signedRequestCheck: createSignedRequestCheck(signingKey.trustedKeys),
        ...(ingest ? { live: liveHlsBehaviour({ outputDir: ingest.outputDir, signed: livePrivate }) } : {}),
        ...(options.webPort === undefined ? {} : { port: options.webPort }),
        log,
      }),
      (front) => () => front.stop(),
    );

    const wiring = localWiring(options.topology ?? PLATFORM_TOPOLOGY, {
      endpoints: { aws: moto.endpoint, mediaConvert: mediaConvert.endpoint },
      webOrigin: web.url,
      functionLogLevel: options.functionLogLevel ?? "WARN",
      playback: { publicKeyIds: signingKey.publicKeyIds, privateLivePathPrefix },
      ...(options.limits ? { limits: options.limits } : {}),
    });
    proxiedApis = wiring.apis.map((api) => ({ name: api.name, pathPrefixes: api.pathPrefixes, url: () => apiUrls[api.name] }));

    const functions = Object.fromEntries(
      wiring.functions.map((fn) => [fn.name, new LocalFunction({ ...fn, onLog: (line) => log(`[${fn.name}] ${line}`) })]),
    ) as Record<FunctionName, LocalFunction>;
    stops.push(async () => {
      await Promise.all(Object.values(functions).map((fn) => fn.stop()));
    });
    // A function's cold start reads only its environment: the processes start while moto is provisioned.
    const [queues] = await allStarted([provisionEmulatedAws(aws, wiring), ...Object.values(functions).map((fn) => fn.warm())]);

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

    // The JWT authorizer's checks: the pool's keys (moto's JWKS), its issuer, the web client.
    const verifier = createAccessTokenVerifier({ issuer: identity.issuer, clientId: identity.webClientId, jwksUrl: identity.jwksUrl });
    await allStarted(
      wiring.apis.map(async (api) => {
        const front = await started(
          startApiFront({
            name: api.name,
            routes: api.routes.map((route) => ({
              routeKey: route.routeKey,
              access: route.access,
              invoke: (event: unknown) => functions[route.function].invoke(event),
            })),
            verifier,
            // Same origin behind the static front: no browser needs CORS from the API itself.
            allowOrigins: [],
            log,
          }),
          (running) => () => running.stop(),
        );
        apiUrls[api.name] = front.url;
      }),
    );

    return {
      webUrl: web.url,
      apiUrls: apiUrls as Record<ApiName, string>,
      identity: { ...identity, cognitoEndpoint: cognitoFront.url },
      playbackKey: { secretName: LOCAL_RESOURCES.playbackSigningSecret, keyName: signingKey.keyName, keyPairId: signingKey.keyPairId },
      livePrivate,
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

/**
 * Promise.all for pieces started together, except that it waits for every one to settle before it
 * throws: a piece still starting when another fails would otherwise be left running.
 */
async function allStarted<T extends readonly unknown[] | []>(starting: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled: readonly PromiseSettledResult<unknown>[] = await Promise.allSettled(starting);
  for (const result of settled) if (result.status === "rejected") throw result.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
