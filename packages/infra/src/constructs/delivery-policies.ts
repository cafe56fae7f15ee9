import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import { CloudfrontOriginRequestPolicy } from "@cdktf/provider-aws/lib/cloudfront-origin-request-policy";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { PLAYBACK_COOKIE_NAMES } from "@video-platform/shared-types";
import type { Construct } from "constructs";
import { ACCESS_TOKEN_HEADER } from "./http-lambda-api.js";

/** Cache lifetimes, in seconds. */
export const CACHE_SECONDS = {
  /** Playlists: live ones change every segment, VOD ones are final but cheap to refetch. */
  playlistDefault: 2,
  playlistMax: 5,
  /** Segments never change once written. */
  segmentDefault: 24 * 3600,
  year: 365 * 24 * 3600,
  /** Web app: the objects' own Cache-Control decides (no-cache for index.html and config.json). */
  webDefault: 300,
  /**
   * APIs: nothing is cached unless the API says so (it never does). CloudFront forwards the
   * Authorization header only as part of the cache key, which a policy that never caches (all
   * TTLs 0) may not have, so the ceiling is one second, and the key holds the caller's token.
   */
  apiDefault: 0,
  apiMax: 1,
} as const;

/** What viewers may do with the web app and media. */
export const READ_METHODS = ["GET", "HEAD", "OPTIONS"];

/** What a request varies by: its cache key, and so what reaches the origin. */
interface CacheKey {
  readonly headers?: readonly string[];
  readonly queryStrings?: boolean;
}

export interface DeliveryPoliciesProps {
  readonly namePrefix: string;
  /** Other origins whose pages may fetch media from here (the distribution's own needs no CORS). */
  readonly corsOrigins: readonly string[];
}

export interface DeliveryPolicyIds {
  readonly webCache: string;
  readonly playlistCache: string;
  readonly segmentCache: string;
  /** Keyed on the caller's token and the query string, forwarded with them; no cookies. */
  readonly apiCache: string;
  /**
   * Every viewer header but `Host` (API Gateway answers only to its own name), every query string,
   * and the playback cookies' names: a behaviour that forwards no cookies has CloudFront strip
   * `Set-Cookie` from the answer, and the playback routes answer with cookies.
   */
  readonly apiOriginRequest: string;
  /** Security headers, and CORS for the configured origins: web app and media. */
  readonly mediaHeaders: string;
  /** Security headers only: the APIs answer CORS themselves, for their allowed origins. */
  readonly apiHeaders: string;
}

/**
 * The distribution's cache, origin-request and response-headers policies, one per kind of
 * content, created in the distribution's own scope (their Terraform addresses stay put).
 */
export function deliveryPolicies(scope: Construct, props: DeliveryPoliciesProps): DeliveryPolicyIds {
  const { namePrefix } = props;
  const cachePolicy = (policyId: string, ttl: { min: number; default: number; max: number }, compress: boolean, key: CacheKey = {}) =>
    new CloudfrontCachePolicy(scope, policyId, {
      name: `${namePrefix}-${policyId}`,
      minTtl: ttl.min,
      defaultTtl: ttl.default,
      maxTtl: ttl.max,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: key.headers ? { headerBehavior: "whitelist", headers: { items: [...key.headers] } } : { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: key.queryStrings ? "all" : "none" },
        enableAcceptEncodingGzip: compress,
        enableAcceptEncodingBrotli: compress,
      },
    }).id;
  const webCache = cachePolicy("web", { min: 0, default: CACHE_SECONDS.webDefault, max: CACHE_SECONDS.year }, true);
  const playlistCache = cachePolicy("hls-playlist", { min: 0, default: CACHE_SECONDS.playlistDefault, max: CACHE_SECONDS.playlistMax }, true);
  // Video segments are already compressed.
  const segmentCache = cachePolicy("hls-segment", { min: 0, default: CACHE_SECONDS.segmentDefault, max: CACHE_SECONDS.year }, false);
  const apiCache = cachePolicy("api", { min: 0, default: CACHE_SECONDS.apiDefault, max: CACHE_SECONDS.apiMax }, true, {
    headers: [ACCESS_TOKEN_HEADER],
    queryStrings: true,
  });

  const apiOriginRequest = new CloudfrontOriginRequestPolicy(scope, "api-request", {
    name: `${namePrefix}-api-request`,
    comment: "Viewer headers but Host, query strings, the playback cookies: so their Set-Cookie reaches the viewer",
    headersConfig: { headerBehavior: "allExcept", headers: { items: ["Host"] } },
    queryStringsConfig: { queryStringBehavior: "all" },
    // "Don't forward cookies" also removes Set-Cookie from responses; with a whitelist, CloudFront
    // returns every Set-Cookie the origin sends. The APIs never read these cookies.
    cookiesConfig: { cookieBehavior: "whitelist", cookies: { items: Object.values(PLAYBACK_COOKIE_NAMES) } },
  }).id;

  const securityHeadersConfig = {
    strictTransportSecurity: { accessControlMaxAgeSec: 63_072_000, includeSubdomains: true, override: true },
    contentTypeOptions: { override: true },
    frameOptions: { frameOption: "DENY", override: true },
    referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
    xssProtection: { protection: true, modeBlock: true, override: true },
  };
  const corsOrigins = [...props.corsOrigins];
  const mediaHeaders = new CloudfrontResponseHeadersPolicy(scope, "response-headers", {
    name: `${namePrefix}-security-headers`,
    securityHeadersConfig,
    corsConfig:
      corsOrigins.length === 0
        ? undefined
        : {
            accessControlAllowOrigins: { items: corsOrigins },
            accessControlAllowMethods: { items: READ_METHODS },
            accessControlAllowHeaders: { items: ["*"] },
            accessControlExposeHeaders: { items: ["Content-Length", "Content-Range", "ETag"] },
            accessControlAllowCredentials: false,
            accessControlMaxAgeSec: 3600,
            originOverride: true,
          },
  }).id;
  const apiHeaders =
    corsOrigins.length === 0
      ? mediaHeaders
      : new CloudfrontResponseHeadersPolicy(scope, "api-response-headers", { name: `${namePrefix}-api-security-headers`, securityHeadersConfig }).id;
  return { webCache, playlistCache, segmentCache, apiCache, apiOriginRequest, mediaHeaders, apiHeaders };
}
