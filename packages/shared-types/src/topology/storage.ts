/** An HTTP method a browser may use on a bucket directly. */
export type BucketMethod = "GET" | "HEAD" | "PUT" | "POST" | "DELETE";

/** What browsers may do with a bucket directly; the allowed origins are the environment's. */
export interface BrowserAccess {
  /** Rule id, for people reading the bucket's CORS configuration. */
  readonly id: string;
  readonly methods: readonly BucketMethod[];
  /** Request headers a preflight may ask for (`content-length` is the browser's own and never asked). */
  readonly allowedHeaders: readonly string[];
  /** Response headers scripts may read. */
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

export interface BucketDefinition {
  /** Where the platform's objects live in this bucket; nothing reads or writes outside it. */
  readonly prefix: string;
  readonly browserAccess: BrowserAccess;
  /** Whether the bucket publishes its events to EventBridge (a rule listens to them). */
  readonly eventBridge: boolean;
}

export interface PlatformBuckets {
  /** Uploads, as sent by browsers. */
  readonly raw: BucketDefinition;
  /** The HLS renditions, served through the CDN. */
  readonly processed: BucketDefinition;
}

/** A preflight is cached for an hour: an upload sends one per part otherwise. */
const PREFLIGHT_MAX_AGE_SECONDS = 3600;

export const PLATFORM_BUCKETS = {
  raw: {
    prefix: "uploads/",
    // Completing a multipart upload needs every part's ETag, so scripts must be able to read it.
    browserAccess: {
      id: "browser-uploads",
      methods: ["PUT"],
      allowedHeaders: ["content-type", "content-md5", "x-amz-*"],
      exposeHeaders: ["ETag"],
      maxAgeSeconds: PREFLIGHT_MAX_AGE_SECONDS,
    },
    eventBridge: true,
  },
  processed: {
    prefix: "vod/",
    browserAccess: {
      id: "playback",
      methods: ["GET", "HEAD"],
      allowedHeaders: ["range"],
      exposeHeaders: ["ETag", "Content-Length", "Content-Range"],
      maxAgeSeconds: PREFLIGHT_MAX_AGE_SECONDS,
    },
    eventBridge: false,
  },
} as const satisfies PlatformBuckets;
