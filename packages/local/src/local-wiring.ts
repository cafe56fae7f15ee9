import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import type { CORSRule } from "@aws-sdk/client-s3";
import {
  apiPathPrefixesOf,
  checkTopology,
  createTableInput,
  FUNCTION_NAMES,
  functionRuntimeEnvironment,
  type ApiName,
  type BrowserAccess,
  type FunctionName,
  type HttpRoute,
  type PlatformLimits,
  type PlatformResources,
  type PlatformTopology,
} from "@video-platform/shared-types";
import { LOCAL_CREDENTIALS, LOCAL_LIMITS, LOCAL_RESOURCES } from "./local-resources.js";

export { LOCAL_LIMITS, LOCAL_RESOURCES };

export interface LocalEndpoints {
  /** moto_server, for S3, DynamoDB, EventBridge and SQS. */
  readonly aws: string;
  readonly mediaConvert: string;
}

/** Private playback here: the local signing key's id, and whether the live channel needs cookies. */
export interface LocalPlayback {
  /** Each signing key's name → the public key id the static front trusts (`{}`: no key, nothing plays). */
  readonly publicKeyIds: Readonly<Record<string, string>>;
  /** The live channel's path prefix when it needs cookies; "" when it is public. */
  readonly privateLivePathPrefix: string;
}

export interface LocalWiringOptions {
  readonly endpoints: LocalEndpoints;
  /**
   * The web app's origin (the static front's), as the distribution's is on AWS: the site URL
   * playback cookies are signed for, and the one origin the buckets' CORS rules allow.
   */
  readonly webOrigin: string;
  /** The functions' log level (Powertools). */
  readonly functionLogLevel: string;
  /** No signing key and a public live channel unless given. */
  readonly playback?: LocalPlayback;
  /** `LOCAL_LIMITS` unless given (tests lower the quotas). */
  readonly limits?: PlatformLimits;
}

export interface LocalBucket {
  readonly name: string;
  readonly cors: CORSRule;
  readonly eventBridge: boolean;
}

/** A rule target: here an SQS queue the event pump drains into the function. */
export interface LocalRuleTarget {
  readonly function: FunctionName;
  readonly queueName: string;
}

export interface LocalRule {
  readonly name: string;
  /** The pattern as `PutRule` takes it. */
  readonly eventPattern: string;
  readonly targets: readonly LocalRuleTarget[];
}

/** One function process: its bundle and its whole environment. */
export interface LocalFunctionProcess {
  readonly name: FunctionName;
  readonly module: string;
  readonly environment: Readonly<Record<string, string>>;
}

export interface LocalApi {
  readonly name: ApiName;
  readonly routes: readonly HttpRoute[];
  /** The paths the static front proxies to this API, as the distribution's behaviours do. */
  readonly pathPrefixes: readonly string[];
}

/** Everything the local platform creates and starts, computed from a topology. */
export interface LocalWiring {
  readonly buckets: readonly LocalBucket[];
  readonly table: { readonly create: CreateTableCommandInput; readonly timeToLiveAttribute: string | undefined };
  readonly rules: readonly LocalRule[];
  readonly functions: readonly LocalFunctionProcess[];
  readonly apis: readonly LocalApi[];
}

/** One queue per (rule, target), so a target that fails is retried alone, as EventBridge does. */
export function targetQueueName(rule: string, target: FunctionName): string {
  return `${rule}--${target}`;
}

/**
 * What a Lambda execution environment provides and the local platform must stand in for: the
 * region and credentials, plus the SDK's standard endpoint variables that point the same code
 * at moto and the MediaConvert stand-in.
 */
function lambdaStandInEnvironment(endpoints: LocalEndpoints): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoints.aws,
    AWS_ENDPOINT_URL_MEDIACONVERT: endpoints.mediaConvert,
    AWS_REGION: LOCAL_RESOURCES.region,
    AWS_DEFAULT_REGION: LOCAL_RESOURCES.region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  };
}

function corsRule(access: BrowserAccess, webOrigin: string): CORSRule {
  return {
    ID: access.id,
    AllowedOrigins: [webOrigin],
    AllowedMethods: [...access.methods],
    AllowedHeaders: [...access.allowedHeaders],
    ExposeHeaders: [...access.exposeHeaders],
    MaxAgeSeconds: access.maxAgeSeconds,
  };
}

/** The names the topology's builders receive here: the fixed local names plus what exists only at run time. */
export function localResources(options: Pick<LocalWiringOptions, "webOrigin" | "playback">): PlatformResources {
  return {
    ...LOCAL_RESOURCES,
    siteUrl: new URL(options.webOrigin).origin,
    playbackPublicKeyIds: JSON.stringify(options.playback?.publicKeyIds ?? {}),
    privateLivePathPrefix: options.playback?.privateLivePathPrefix ?? "",
  };
}

/**
 * The local rendering of a topology, as data: buckets with their CORS and notifications, the
 * status table, each rule with one queue per target, each function's process and environment
 * (its topology builder over the local names and limits, plus the Lambda stand-ins), and each
 * API's routes and the path prefixes the static front sends it.
 */
export function localWiring(topology: PlatformTopology, options: LocalWiringOptions): LocalWiring {
  checkTopology(topology);
  const { raw, processed } = topology.buckets;
  const resources = localResources(options);
  const limits = options.limits ?? LOCAL_LIMITS;
  return {
    buckets: [
      { name: LOCAL_RESOURCES.rawBucket, cors: corsRule(raw.browserAccess, options.webOrigin), eventBridge: raw.eventBridge },
      { name: LOCAL_RESOURCES.processedBucket, cors: corsRule(processed.browserAccess, options.webOrigin), eventBridge: processed.eventBridge },
    ],
    table: {
      create: createTableInput(topology.statusTable, LOCAL_RESOURCES.statusTable),
      timeToLiveAttribute: topology.statusTable.timeToLiveAttribute,
    },
    rules: topology.eventRules.map((rule) => ({
      name: rule.name,
      eventPattern: JSON.stringify(rule.pattern(resources)),
      targets: rule.targets.map((target) => ({ function: target, queueName: targetQueueName(rule.name, target) })),
    })),
    functions: FUNCTION_NAMES.map((name) => ({
      name,
      module: `@video-platform/handlers/bundles/${topology.functions[name].artifact}`,
      environment: {
        ...lambdaStandInEnvironment(options.endpoints),
        ...topology.functions[name].environment(resources, limits),
        ...functionRuntimeEnvironment(name, options.functionLogLevel),
      },
    })),
    apis: Object.entries(topology.apis).map(([name, api]) => ({
      name: name as ApiName,
      routes: Object.values(api.routes),
      pathPrefixes: apiPathPrefixesOf(api),
    })),
  };
}
