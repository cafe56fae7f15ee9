import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import {
  CloudfrontDistribution,
  type CloudfrontDistributionOrderedCacheBehavior,
  type CloudfrontDistributionOrigin,
} from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontFunction } from "@cdktf/provider-aws/lib/cloudfront-function";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { VOD_OUTPUT_PREFIX } from "@video-platform/shared-types";
import { Construct } from "constructs";
import type { CustomDomain } from "../config.js";
import { BucketPolicy } from "./bucket-policy.js";
import type { PrivateBucket } from "./private-bucket.js";
import { SPA_FALLBACK_CODE } from "./spa-fallback.js";

/** How a behaviour caches: one of the distribution's own policies, or one the caller made. */
export type DeliveryCaching = "hlsPlaylist" | "hlsSegment" | { readonly cachePolicyId: string };

export interface DeliveryBehavior {
  /** e.g. `/live/*.m3u8`; behaviours are matched in the order given, after `/vod/*`. */
  readonly pathPattern: string;
  readonly caching: DeliveryCaching;
  readonly originRequestPolicyId?: string;
}

/** An extra HTTPS origin (e.g. MediaPackage for the live channel) and the paths it serves. */
export interface DeliveryOrigin {
  readonly originId: string;
  readonly domainName: string;
  readonly originPath?: string;
  /** Headers CloudFront adds to every request to this origin (e.g. MediaPackage's CDN authorization). */
  readonly customHeaders?: readonly { readonly name: string; readonly value: string }[];
  readonly behaviors: readonly DeliveryBehavior[];
}

export type PriceClass = "PriceClass_100" | "PriceClass_200" | "PriceClass_All";

export interface DeliveryDistributionProps {
  readonly namePrefix: string;
  readonly webBucket: PrivateBucket;
  readonly processedBucket: PrivateBucket;
  readonly priceClass: PriceClass;
  readonly customDomain?: CustomDomain;
  /** Other origins whose pages may fetch media from here (the distribution's own needs no CORS). */
  readonly corsOrigins: readonly string[];
  readonly extraOrigins?: readonly DeliveryOrigin[];
  /** A CloudFront-scope WAF web ACL (`EdgeFirewall`) in front of every request, when the environment has one. */
  readonly webAclArn?: string;
}

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
} as const;

const WEB_ORIGIN_ID = "web";
const VOD_ORIGIN_ID = "vod";
const READ_METHODS = ["GET", "HEAD", "OPTIONS"];
const CACHED_METHODS = ["GET", "HEAD"];

/**
 * The one CloudFront distribution: the web app from `WebBucket` by default, HLS renditions from
 * `ProcessedBucket` under `/vod/*`, both private buckets read through Origin Access Control, and
 * whatever extra origins are passed in (the live channel). HTTPS only, HTTP/2 and HTTP/3.
 */
export class DeliveryDistribution extends Construct {
  readonly distribution: CloudfrontDistribution;
  readonly domainName: string;
  /** `https://<domain>`: where viewers reach the site and media (custom domain when set). */
  readonly siteUrl: string;
  readonly playlistCachePolicyId: string;
  readonly segmentCachePolicyId: string;
  readonly responseHeadersPolicyId: string;

  constructor(scope: Construct, id: string, props: DeliveryDistributionProps) {
    super(scope, id);
    const { namePrefix } = props;

    const originAccess = new CloudfrontOriginAccessControl(this, "origin-access", {
      name: `${namePrefix}-s3`,
      description: "CloudFront reads the private web and processed buckets",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });

    const cachePolicy = (policyId: string, ttl: { min: number; default: number; max: number }, compress: boolean) =>
      new CloudfrontCachePolicy(this, policyId, {
        name: `${namePrefix}-${policyId}`,
        minTtl: ttl.min,
        defaultTtl: ttl.default,
        maxTtl: ttl.max,
        parametersInCacheKeyAndForwardedToOrigin: {
          cookiesConfig: { cookieBehavior: "none" },
          headersConfig: { headerBehavior: "none" },
          queryStringsConfig: { queryStringBehavior: "none" },
          enableAcceptEncodingGzip: compress,
          enableAcceptEncodingBrotli: compress,
        },
      });
    const webCache = cachePolicy("web", { min: 0, default: CACHE_SECONDS.webDefault, max: CACHE_SECONDS.year }, true);
    const playlistCache = cachePolicy(
      "hls-playlist",
      { min: 0, default: CACHE_SECONDS.playlistDefault, max: CACHE_SECONDS.playlistMax },
      true,
    );
    // Video segments are already compressed.
    const segmentCache = cachePolicy("hls-segment", { min: 0, default: CACHE_SECONDS.segmentDefault, max: CACHE_SECONDS.year }, false);
    this.playlistCachePolicyId = playlistCache.id;
    this.segmentCachePolicyId = segmentCache.id;

    const corsOrigins = [...props.corsOrigins];
    const responseHeaders = new CloudfrontResponseHeadersPolicy(this, "response-headers", {
      name: `${namePrefix}-security-headers`,
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: 63_072_000, includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
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
    });
    this.responseHeadersPolicyId = responseHeaders.id;

    const spaFallback = new CloudfrontFunction(this, "spa-fallback", {
      name: `${namePrefix}-spa-fallback`,
      runtime: "cloudfront-js-2.0",
      comment: "Serves index.html for the web app's own routes",
      code: SPA_FALLBACK_CODE,
      publish: true,
    });

    const cachingOf = (caching: DeliveryCaching): string => {
      if (caching === "hlsPlaylist") return playlistCache.id;
      if (caching === "hlsSegment") return segmentCache.id;
      return caching.cachePolicyId;
    };
    const mediaBehavior = (pathPattern: string, targetOriginId: string, caching: DeliveryCaching, originRequestPolicyId?: string) =>
      ({
        pathPattern,
        targetOriginId,
        viewerProtocolPolicy: "https-only",
        allowedMethods: READ_METHODS,
        cachedMethods: CACHED_METHODS,
        cachePolicyId: cachingOf(caching),
        originRequestPolicyId,
        responseHeadersPolicyId: responseHeaders.id,
        compress: true,
      }) satisfies CloudfrontDistributionOrderedCacheBehavior;

    const extraOrigins = props.extraOrigins ?? [];
    const origins: CloudfrontDistributionOrigin[] = [
      { originId: WEB_ORIGIN_ID, domainName: props.webBucket.regionalDomainName, originAccessControlId: originAccess.id },
      { originId: VOD_ORIGIN_ID, domainName: props.processedBucket.regionalDomainName, originAccessControlId: originAccess.id },
      ...extraOrigins.map((origin) => ({
        originId: origin.originId,
        domainName: origin.domainName,
        originPath: origin.originPath,
        customHeader: origin.customHeaders?.map((header) => ({ name: header.name, value: header.value })),
        customOriginConfig: {
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: "https-only",
          originSslProtocols: ["TLSv1.2"],
        },
      })),
    ];
    const vodPath = `/${VOD_OUTPUT_PREFIX}`;
    const behaviors: CloudfrontDistributionOrderedCacheBehavior[] = [
      mediaBehavior(`${vodPath}*.m3u8`, VOD_ORIGIN_ID, "hlsPlaylist"),
      mediaBehavior(`${vodPath}*`, VOD_ORIGIN_ID, "hlsSegment"),
      ...extraOrigins.flatMap((origin) =>
        origin.behaviors.map((behavior) =>
          mediaBehavior(behavior.pathPattern, origin.originId, behavior.caching, behavior.originRequestPolicyId),
        ),
      ),
    ];

    const { customDomain } = props;
    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      comment: `${namePrefix} web app and video`,
      isIpv6Enabled: true,
      httpVersion: "http2and3",
      priceClass: props.priceClass,
      defaultRootObject: "index.html",
      aliases: customDomain ? [customDomain.domainName] : undefined,
      origin: origins,
      defaultCacheBehavior: {
        targetOriginId: WEB_ORIGIN_ID,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: READ_METHODS,
        cachedMethods: CACHED_METHODS,
        cachePolicyId: webCache.id,
        responseHeadersPolicyId: responseHeaders.id,
        compress: true,
        functionAssociation: [{ eventType: "viewer-request", functionArn: spaFallback.arn }],
      },
      orderedCacheBehavior: behaviors,
      restrictions: { geoRestriction: { restrictionType: "none" } },
      webAclId: props.webAclArn,
      viewerCertificate: customDomain
        ? {
            acmCertificateArn: customDomain.certificateArn,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
          }
        : { cloudfrontDefaultCertificate: true },
    });
    this.domainName = this.distribution.domainName;
    this.siteUrl = `https://${customDomain ? customDomain.domainName : this.distribution.domainName}`;

    // Each origin bucket readable by this distribution alone, and only where it serves from.
    const readableBy = (bucket: PrivateBucket, prefix: string) => ({
      sid: "CloudFrontReads",
      actions: ["s3:GetObject"],
      resources: [bucket.objectsArn(prefix)],
      principals: [{ type: "Service" as const, identifiers: ["cloudfront.amazonaws.com"] }],
      conditions: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [this.distribution.arn] }],
    });
    new BucketPolicy(this, "WebBucketPolicy", { bucket: props.webBucket, statements: [readableBy(props.webBucket, "")] });
    new BucketPolicy(this, "ProcessedBucketPolicy", {
      bucket: props.processedBucket,
      statements: [readableBy(props.processedBucket, VOD_OUTPUT_PREFIX)],
    });
  }
}
