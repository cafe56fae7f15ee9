import {
  CloudfrontDistribution,
  type CloudfrontDistributionOrderedCacheBehavior,
  type CloudfrontDistributionOrigin,
} from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontFunction } from "@cdktf/provider-aws/lib/cloudfront-function";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { VOD_OUTPUT_PREFIX } from "@video-platform/shared-types";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { CustomDomain } from "../config.js";
import { BucketPolicy } from "./bucket-policy.js";
import { deliveryPolicies, READ_METHODS } from "./delivery-policies.js";
import { PLAYBACK_CLOSED_CODE } from "./playback-closed.js";
import type { PrivateBucket } from "./private-bucket.js";
import { SPA_FALLBACK_CODE } from "./spa-fallback.js";

/** How a behaviour caches: one of the distribution's own policies, or one the caller made. */
export type DeliveryCaching = "hlsPlaylist" | "hlsSegment" | { readonly cachePolicyId: string };

export interface DeliveryBehavior {
  /** e.g. `/live/*.m3u8`; behaviours are matched in the order given, after the APIs' and `/vod/*`. */
  readonly pathPattern: string;
  readonly caching: DeliveryCaching;
  readonly originRequestPolicyId?: string;
  /**
   * Viewers need playback cookies signed with a key of the platform's key group; while there is
   * none, the path is closed (403), never open.
   */
  readonly signedCookies?: boolean;
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

/** An HTTP API served under the distribution's own origin. */
export interface DeliveryApi {
  /** The API's name in the topology; its origin id is `api-<name>`. */
  readonly name: string;
  /** Its base URL, `https://<id>.execute-api.<region>.amazonaws.com`. */
  readonly endpoint: string;
  /** The paths it answers (`apiPathPrefixesOf`): one behaviour `<prefix>*` each. */
  readonly pathPrefixes: readonly string[];
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
  /** The APIs, each behind its path prefixes: the web app calls them same-origin. */
  readonly apis: readonly DeliveryApi[];
  /** The key group whose signed cookies open `/vod/*` (and other `signedCookies` paths); undefined: those paths are closed. */
  readonly playbackKeyGroupId: string | undefined;
  readonly extraOrigins?: readonly DeliveryOrigin[];
  /** A CloudFront-scope WAF web ACL (`EdgeFirewall`) in front of every request, when the environment has one. */
  readonly webAclArn?: string;
}

const WEB_ORIGIN_ID = "web";
const VOD_ORIGIN_ID = "vod";
const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
const CACHED_METHODS = ["GET", "HEAD"];

/** The origin id of an API of the topology. */
const apiOriginId = (apiName: string) => `api-${apiName}`;

/**
 * The one CloudFront distribution, so that the web app, its APIs and its media share one origin:
 * the web app from `WebBucket` by default; each API under its path prefixes (`/api/...`, nothing
 * cached, the caller's token and query strings forwarded, no cookies); HLS renditions from
 * `ProcessedBucket` under `/vod/*`, only with playback cookies of the platform's key group; and
 * whatever extra origins are passed in (the live channel). Both buckets are private, read
 * through Origin Access Control. HTTPS only, HTTP/2 and HTTP/3.
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
    const policies = deliveryPolicies(this, { namePrefix, corsOrigins: props.corsOrigins });
    this.playlistCachePolicyId = policies.playlistCache;
    this.segmentCachePolicyId = policies.segmentCache;
    this.responseHeadersPolicyId = policies.mediaHeaders;

    const spaFallback = new CloudfrontFunction(this, "spa-fallback", {
      name: `${namePrefix}-spa-fallback`,
      runtime: "cloudfront-js-2.0",
      comment: "Serves index.html for the web app's own routes",
      code: SPA_FALLBACK_CODE,
      publish: true,
    });
    let playbackClosed: CloudfrontFunction | undefined;
    const closedFunctionArn = () => {
      playbackClosed ??= new CloudfrontFunction(this, "playback-closed", {
        name: `${namePrefix}-playback-closed`,
        runtime: "cloudfront-js-2.0",
        comment: "Private media while no playback key is deployed: 403",
        code: PLAYBACK_CLOSED_CODE,
        publish: true,
      });
      return playbackClosed.arn;
    };

    const cachingOf = (caching: DeliveryCaching): string => {
      if (caching === "hlsPlaylist") return policies.playlistCache;
      if (caching === "hlsSegment") return policies.segmentCache;
      return caching.cachePolicyId;
    };
    const mediaBehavior = (targetOriginId: string, behavior: DeliveryBehavior): CloudfrontDistributionOrderedCacheBehavior => {
      const open = {
        pathPattern: behavior.pathPattern,
        targetOriginId,
        viewerProtocolPolicy: "https-only",
        allowedMethods: READ_METHODS,
        cachedMethods: CACHED_METHODS,
        cachePolicyId: cachingOf(behavior.caching),
        originRequestPolicyId: behavior.originRequestPolicyId,
        responseHeadersPolicyId: policies.mediaHeaders,
        compress: true,
      } satisfies CloudfrontDistributionOrderedCacheBehavior;
      if (!behavior.signedCookies) return open;
      if (props.playbackKeyGroupId !== undefined) return { ...open, trustedKeyGroups: [props.playbackKeyGroupId] };
      // No key to check cookies with: answered at the edge, and no origin holding media is named.
      return { ...open, targetOriginId: WEB_ORIGIN_ID, functionAssociation: [{ eventType: "viewer-request", functionArn: closedFunctionArn() }] };
    };
    const apiBehavior = (pathPattern: string, targetOriginId: string): CloudfrontDistributionOrderedCacheBehavior => ({
      pathPattern,
      targetOriginId,
      viewerProtocolPolicy: "https-only",
      allowedMethods: ALL_METHODS,
      cachedMethods: CACHED_METHODS,
      cachePolicyId: policies.apiCache,
      originRequestPolicyId: policies.apiOriginRequest,
      responseHeadersPolicyId: policies.apiHeaders,
      compress: true,
    });

    const extraOrigins = props.extraOrigins ?? [];
    const vodPath = `/${VOD_OUTPUT_PREFIX}`;
    const behaviors: CloudfrontDistributionOrderedCacheBehavior[] = [
      ...props.apis.flatMap((api) => api.pathPrefixes.map((prefix) => apiBehavior(`${prefix}*`, apiOriginId(api.name)))),
      mediaBehavior(VOD_ORIGIN_ID, { pathPattern: `${vodPath}*.m3u8`, caching: "hlsPlaylist", signedCookies: true }),
      mediaBehavior(VOD_ORIGIN_ID, { pathPattern: `${vodPath}*`, caching: "hlsSegment", signedCookies: true }),
      ...extraOrigins.flatMap((origin) => origin.behaviors.map((behavior) => mediaBehavior(origin.originId, behavior))),
    ];
    const httpsOrigin = { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] };
    const candidates: CloudfrontDistributionOrigin[] = [
      { originId: WEB_ORIGIN_ID, domainName: props.webBucket.regionalDomainName, originAccessControlId: originAccess.id },
      { originId: VOD_ORIGIN_ID, domainName: props.processedBucket.regionalDomainName, originAccessControlId: originAccess.id },
      ...props.apis.map((api) => ({
        originId: apiOriginId(api.name),
        domainName: Fn.replace(api.endpoint, "https://", ""),
        customOriginConfig: httpsOrigin,
      })),
      ...extraOrigins.map((origin) => ({
        originId: origin.originId,
        domainName: origin.domainName,
        originPath: origin.originPath,
        customHeader: origin.customHeaders?.map((header) => ({ name: header.name, value: header.value })),
        customOriginConfig: httpsOrigin,
      })),
    ];
    // An origin no behaviour sends to is left out: a closed path names no origin holding its files.
    const origins = candidates.filter(
      (origin) => origin.originId === WEB_ORIGIN_ID || behaviors.some((behavior) => behavior.targetOriginId === origin.originId),
    );
    const servesVod = origins.some((origin) => origin.originId === VOD_ORIGIN_ID);

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
        cachePolicyId: policies.webCache,
        responseHeadersPolicyId: policies.mediaHeaders,
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
      statements: servesVod ? [readableBy(props.processedBucket, VOD_OUTPUT_PREFIX)] : [],
    });
  }
}
