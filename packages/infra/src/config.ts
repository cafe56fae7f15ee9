import { DEFAULT_MAX_DURATION_SECONDS, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_UPLOAD_QUOTA, GIB } from "@video-platform/shared-types";
import { z } from "zod";
import { RATE_LIMIT_RANGE } from "./constructs/edge-firewall.js";
import { SOURCES_PER_CHANNEL_CLASS } from "./constructs/live/channel-class.js";
import { MAX_KEYS_PER_KEY_GROUP, PlaybackPublicKey } from "./constructs/playback/playback-signing-keys.js";
import { isHttpsUrl } from "./https-url.js";
import { describeIssues } from "./zod-issues.js";

/** S3's own ceiling on one object. */
const MAX_OBJECT_BYTES = 5 * 1024 * GIB;

/** The retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A browser origin: https, or plain http for a developer's own machine only. */
const WebOrigin = z.string().refine((value) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const isLocal = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  const schemeAllowed = url.protocol === "https:" || (url.protocol === "http:" && isLocal);
  return schemeAllowed && url.origin === value;
}, "must be an origin such as https://app.example.com (no path, no trailing slash; http only for localhost)");

export const CustomDomain = z.object({
  domainName: z.string().regex(HOST_NAME, "must be a lower-case DNS name"),
  /** CloudFront only reads certificates from us-east-1, whatever the stack's region. */
  certificateArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/, "must be an ACM certificate ARN in us-east-1"),
});
export type CustomDomain = z.infer<typeof CustomDomain>;

/** An SNS subscription besides e-mail: a webhook (chat, paging service), a queue, a function or a phone. */
const AlarmSubscription = z.discriminatedUnion("protocol", [
  z.object({ protocol: z.literal("https"), endpoint: z.string().refine(isHttpsUrl, "must be an https:// URL") }),
  z.object({ protocol: z.literal("sqs"), endpoint: z.string().regex(/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[\w-]+$/, "must be an SQS queue ARN") }),
  z.object({ protocol: z.literal("lambda"), endpoint: z.string().regex(/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+$/, "must be a Lambda function ARN") }),
  z.object({ protocol: z.literal("sms"), endpoint: z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 phone number") }),
]);

/** Where the alarm topic sends alarms. */
export const AlarmNotifications = z.object({
  emails: z.array(z.email()).default([]),
  subscriptions: z.array(AlarmSubscription).default([]),
});
export type AlarmNotifications = z.infer<typeof AlarmNotifications>;

/** The live DASH manifest's clock source (MediaPackage `UtcTiming` with `UtcTimingUri`). */
export const DashUtcTimingConfig = z.object({
  mode: z.enum(["HTTP-HEAD", "HTTP-ISO", "HTTP-XSDATE"]),
  uri: z.string().refine(isHttpsUrl, "must be an https:// URL"),
});

/** The CloudFront web ACL: managed common rules and a per-IP limit on the upload routes. */
export const EdgeFirewallConfig = z.object({
  /** Requests one IP may make to the upload routes in any 5 minutes (WAF's floor is 10). */
  uploadRequestsPerIpPer5Minutes: z.number().int().min(RATE_LIMIT_RANGE.min).max(RATE_LIMIT_RANGE.max).default(1_000),
});

/** Each person's upload limits (`decideQuota`): unfinished uploads at once, bytes started per UTC day. */
export const UploadQuotaConfig = z.object({
  maxOpenUploads: z.number().int().min(1).max(1_000),
  maxBytesPerDay: z.number().int().positive(),
});

export const EnvironmentConfig = z.object({
  /** Short name: the stack's name and the `environment` the web app shows. */
  name: z.string().regex(/^[a-z][a-z0-9]{1,15}$/, "must be 2-16 lower-case letters or digits"),
  region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, "must be an AWS region such as eu-west-1"),
  /**
   * Prefix of every resource name. Also the platform id stamped on this environment's MediaConvert
   * jobs. At most 24 characters so that `<prefix>-processed-` stays within S3's 37-character
   * bucket-prefix limit.
   */
  namePrefix: z.string().regex(/^[a-z][a-z0-9-]{1,22}[a-z0-9]$/, "must be 3-24 lower-case letters, digits or dashes"),
  /**
   * Real viewers and real uploads: the environment must protect its data (deletionProtection),
   * have the edge firewall, and name where alarms go.
   */
  production: z.boolean().default(false),
  /** Whether this environment has the live channel (created idle; it costs money only when started). */
  liveEnabled: z.boolean(),
  mediaLiveChannelClass: z.enum(["SINGLE_PIPELINE", "STANDARD"]),
  /**
   * SRT streams the encoder sends, one per listener endpoint: 2 for a STANDARD channel (each
   * pipeline ingests its own stream; MediaLive does not copy one stream to both), 1 otherwise.
   */
  srtEncoderStreams: z.union([z.literal(1), z.literal(2)]).default(1),
  /** The live DASH manifest's time source; without one, `UtcTiming` is NONE and players use their own. */
  liveDashUtcTiming: DashUtcTimingConfig.optional(),
  /** Networks an encoder may push SRT from (the MediaLive input security group); required when live is on. */
  srtAllowedCidrs: z.array(z.cidrv4()).default([]),
  priceClass: z.enum(["PriceClass_100", "PriceClass_200", "PriceClass_All"]),
  customDomain: CustomDomain.optional(),
  /** Origins besides the distribution's own that may call the APIs, upload and play (e.g. a dev server). */
  allowedOrigins: z.array(WebOrigin).default([]),
  maxUploadBytes: z.number().int().positive().max(MAX_OBJECT_BYTES).default(DEFAULT_MAX_UPLOAD_BYTES),
  /**
   * The longest upload transcoded, in seconds (6 h by default); a longer one ends in ERROR with
   * the reason, before any job exists. Bounds what one upload can cost.
   */
  maxSourceDurationSeconds: z.number().int().positive().default(DEFAULT_MAX_DURATION_SECONDS),
  /** Per-user limits the upload API enforces (429 beyond them). */
  uploadQuota: UploadQuotaConfig.default({ ...DEFAULT_UPLOAD_QUOTA }),
  /** Whether anyone may create an account from the sign-in page; off, admins invite (`admin-create-user`). */
  selfSignUp: z.boolean().default(false),
  /**
   * Public keys CloudFront trusts for playback cookies (the key group `/vod/*` requires), as
   * `playback-signing-key generate` prints them: usually one, two while rotating. Empty, `/vod/*`
   * is closed: nothing plays until the first key is deployed.
   */
  playbackPublicKeys: z.array(PlaybackPublicKey).max(MAX_KEYS_PER_KEY_GROUP).default([]),
  /** The live channel needs playback cookies too (`POST /api/live/playback`); public otherwise. */
  livePrivate: z.boolean().default(false),
  alarmNotifications: AlarmNotifications.default({ emails: [], subscriptions: [] }),
  logRetentionDays: z
    .number()
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), "must be a CloudWatch Logs retention period")
    .default(30),
  /**
   * Guards stateful resources: table deletion protection, `prevent_destroy` on the table and
   * every bucket, and a versioned raw bucket.
   */
  deletionProtection: z.boolean().default(false),
  /** The CloudFront web ACL; absent, the distribution has none. */
  edgeFirewall: EdgeFirewallConfig.optional(),
  /** Days CloudFront access logs are kept. */
  edgeLogRetentionDays: z.number().int().min(1).max(3_650).default(90),
}).superRefine((config, context) => {
  const refuse = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
  if (config.liveEnabled && config.srtAllowedCidrs.length === 0) {
    refuse("srtAllowedCidrs", "must name at least one network when liveEnabled: an SRT input open to the internet is not allowed");
  }
  if (config.livePrivate && !config.liveEnabled) {
    refuse("livePrivate", "needs liveEnabled: there is no live channel to make private");
  }
  if (config.uploadQuota.maxBytesPerDay < config.maxUploadBytes) {
    refuse("uploadQuota.maxBytesPerDay", "must be at least maxUploadBytes: otherwise the largest upload allowed could never start");
  }
  if (config.liveEnabled) {
    const needed = SOURCES_PER_CHANNEL_CLASS[config.mediaLiveChannelClass];
    if (config.srtEncoderStreams !== needed) {
      refuse(
        "srtEncoderStreams",
        config.mediaLiveChannelClass === "STANDARD"
          ? "must be 2 for a STANDARD channel: each pipeline ingests its own SRT stream (the encoder calls both ingest URLs); with one stream, use SINGLE_PIPELINE"
          : "must be 1 for a SINGLE_PIPELINE channel: it ingests only the first source and ignores the second",
      );
    }
  }
  const notified = config.alarmNotifications.emails.length + config.alarmNotifications.subscriptions.length > 0;
  if ((config.production || config.liveEnabled) && !notified) {
    refuse("alarmNotifications", "must name at least one e-mail or subscription in a production or live environment: alarms nobody receives protect nothing");
  }
  if (config.production && !config.deletionProtection) {
    refuse("deletionProtection", "must be true in production: the uploads and their statuses are the only copy");
  }
  if (config.production && config.edgeFirewall === undefined) {
    refuse("edgeFirewall", "must be set in production (AWS managed common rules, per-IP limit on uploads)");
  }
});
export type EnvironmentConfig = z.infer<typeof EnvironmentConfig>;
export type EnvironmentConfigInput = z.input<typeof EnvironmentConfig>;

/** The environments this repository deploys. */
export const ENVIRONMENTS: readonly EnvironmentConfigInput[] = [
  {
    name: "dev",
    region: "eu-west-1",
    namePrefix: "video-platform-dev",
    liveEnabled: false,
    mediaLiveChannelClass: "SINGLE_PIPELINE",
    priceClass: "PriceClass_100",
    // The web app's dev server may talk to the dev APIs and play from the dev distribution.
    allowedOrigins: ["http://localhost:5173"],
    // Anyone may try dev out; prod is by invitation.
    selfSignUp: true,
    logRetentionDays: 14,
    edgeLogRetentionDays: 30,
  },
  {
    name: "prod",
    region: "eu-west-1",
    namePrefix: "video-platform-prod",
    production: true,
    // By invitation: an admin creates each account (README, "Signing in").
    selfSignUp: false,
    liveEnabled: true,
    // Two pipelines in two Availability Zones; the encoder sends one SRT stream to each.
    mediaLiveChannelClass: "STANDARD",
    srtEncoderStreams: 2,
    // The studio encoder's public egress. TEST-NET-3 until it is known: nothing can push from it.
    srtAllowedCidrs: ["203.0.113.0/24"],
    priceClass: "PriceClass_All",
    logRetentionDays: 365,
    edgeLogRetentionDays: 365,
    deletionProtection: true,
    edgeFirewall: { uploadRequestsPerIpPer5Minutes: 1_000 },
    // A reserved domain until the deployer names a real one: every plan warns (see README, "Alarms").
    alarmNotifications: { emails: ["video-platform-alarms@example.com"] },
  },
];

export class InvalidEnvironmentConfigError extends Error {
  override readonly name = "InvalidEnvironmentConfigError";
}

/** Parses one environment, naming every bad field at once. */
export function parseEnvironmentConfig(input: unknown): EnvironmentConfig {
  const result = EnvironmentConfig.safeParse(input);
  if (!result.success) {
    const label = typeof input === "object" && input !== null && "name" in input ? String(input.name) : "?";
    throw new InvalidEnvironmentConfigError(`environment ${label}: ${describeIssues(result.error)}`);
  }
  return result.data;
}

/** Parses every environment and refuses two that would collide on names. */
export function parseEnvironments(inputs: readonly unknown[]): EnvironmentConfig[] {
  const environments = inputs.map(parseEnvironmentConfig);
  for (const key of ["name", "namePrefix"] as const) {
    const seen = new Set<string>();
    for (const environment of environments) {
      if (seen.has(environment[key])) {
        throw new InvalidEnvironmentConfigError(`two environments share the ${key} "${environment[key]}"`);
      }
      seen.add(environment[key]);
    }
  }
  return environments;
}
