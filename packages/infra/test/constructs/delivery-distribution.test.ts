import { PLAYBACK_COOKIE_NAMES } from "@video-platform/shared-types";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { DeliveryDistribution, type DeliveryDistributionProps } from "../../src/constructs/delivery-distribution.js";
import { CACHE_SECONDS } from "../../src/constructs/delivery-policies.js";
import { PrivateBucket } from "../../src/constructs/private-bucket.js";
import { SPA_FALLBACK_CODE } from "../../src/constructs/spa-fallback.js";
import { synthConstruct } from "../support/synth-construct.js";
import { onlyResource, ref, resourcesOf, resourcesReferencing, statementsOf, type Block, type TerraformJson } from "../support/terraform-json.js";

/** A key group id as Terraform would fill it in. */
const KEY_GROUP = "K2JCJMDEHXQW5F";
const UPLOAD_ENDPOINT = "https://abc123.execute-api.eu-west-1.amazonaws.com";
const STATUS_ENDPOINT = "https://def456.execute-api.eu-west-1.amazonaws.com";

function synthDelivery(overrides: Partial<DeliveryDistributionProps> = {}) {
  return synthConstruct((scope) => {
    const webBucket = new PrivateBucket(scope, "web", { bucketPrefix: "vp-web-" });
    const processedBucket = new PrivateBucket(scope, "processed", { bucketPrefix: "vp-processed-" });
    return new DeliveryDistribution(scope, "Delivery", {
      namePrefix: "vp",
      webBucket,
      processedBucket,
      priceClass: "PriceClass_100",
      corsOrigins: ["http://localhost:5173"],
      apis: [
        { name: "MovieUploadApi", endpoint: UPLOAD_ENDPOINT, pathPrefixes: ["/api/uploads"] },
        { name: "MovieStatusApi", endpoint: STATUS_ENDPOINT, pathPrefixes: ["/api/status", "/api/videos"] },
      ],
      playbackKeyGroupId: KEY_GROUP,
      ...overrides,
    });
  });
}

const behaviorAt = (config: Block, path: string) => (config.ordered_cache_behavior as Block[]).find((behavior) => behavior.path_pattern === path)!;

const distributionOf = (stack: TerraformJson) => onlyResource(stack, "aws_cloudfront_distribution").config;
const cachePolicy = (stack: TerraformJson, name: string) => resourcesOf(stack, "aws_cloudfront_cache_policy").find((policy) => policy.config.name === name)!;
const bucketNamed = (stack: TerraformJson, prefix: string) => resourcesOf(stack, "aws_s3_bucket").find((bucket) => bucket.config.bucket_prefix === prefix)!;

describe("DeliveryDistribution", () => {
  const { stack } = synthDelivery();
  const distribution = distributionOf(stack);

  it("serves the web app by default, each API under its prefixes and HLS under /vod/, both buckets through one origin access control", () => {
    const oac = onlyResource(stack, "aws_cloudfront_origin_access_control");
    expect(oac.config).toMatchObject({ origin_access_control_origin_type: "s3", signing_behavior: "always", signing_protocol: "sigv4" });
    const origins = distribution.origin as Block[];
    expect(origins.slice(0, 2)).toEqual([
      { origin_id: "web", domain_name: ref(bucketNamed(stack, "vp-web-"), "bucket_regional_domain_name"), origin_access_control_id: ref(oac, "id") },
      { origin_id: "vod", domain_name: ref(bucketNamed(stack, "vp-processed-"), "bucket_regional_domain_name"), origin_access_control_id: ref(oac, "id") },
    ]);
    expect(distribution.default_cache_behavior).toMatchObject({ target_origin_id: "web", viewer_protocol_policy: "redirect-to-https" });
    expect((distribution.ordered_cache_behavior as Block[]).map((behavior) => [behavior.path_pattern, behavior.target_origin_id])).toEqual([
      ["/api/uploads*", "api-MovieUploadApi"],
      ["/api/status*", "api-MovieStatusApi"],
      ["/api/videos*", "api-MovieStatusApi"],
      ["/vod/*.m3u8", "vod"],
      ["/vod/*", "vod"],
    ]);
  });

  it("reaches each API on its own execute-api host over HTTPS", () => {
    const origins = distribution.origin as Block[];
    for (const [id, endpoint] of [
      ["api-MovieUploadApi", UPLOAD_ENDPOINT],
      ["api-MovieStatusApi", STATUS_ENDPOINT],
    ] as const) {
      expect(origins.find((origin) => origin.origin_id === id)).toEqual({
        origin_id: id,
        domain_name: `\${replace("${endpoint}", "https://", "")}`,
        custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] },
      });
    }
  });

  it("passes API calls through uncached: every method, the caller's token and query string, no Host, and the playback cookies' Set-Cookie back", () => {
    const apiCache = cachePolicy(stack, "vp-api");
    const apiRequest = onlyResource(stack, "aws_cloudfront_origin_request_policy");
    for (const path of ["/api/uploads*", "/api/status*", "/api/videos*"]) {
      const behavior = behaviorAt(distribution, path);
      expect(behavior).toMatchObject({ viewer_protocol_policy: "https-only", cache_policy_id: ref(apiCache, "id"), origin_request_policy_id: ref(apiRequest, "id") });
      expect([...(behavior.allowed_methods as string[])].sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
      expect(behavior.trusted_key_groups).toBeUndefined();
    }
    // CloudFront forwards Authorization only as part of the cache key: keyed per token, kept 0 s unless the API says otherwise (it never does).
    expect(apiCache.config).toMatchObject({
      min_ttl: 0,
      default_ttl: 0,
      max_ttl: CACHE_SECONDS.apiMax,
      parameters_in_cache_key_and_forwarded_to_origin: {
        headers_config: { header_behavior: "whitelist", headers: { items: ["Authorization"] } },
        query_strings_config: { query_string_behavior: "all" },
        cookies_config: { cookie_behavior: "none" },
      },
    });
    // A behaviour that forwards no cookies has CloudFront strip Set-Cookie from the answer: the
    // playback routes' cookies would never reach the browser.
    expect(apiRequest.config).toMatchObject({
      headers_config: { header_behavior: "allExcept", headers: { items: ["Host"] } },
      query_strings_config: { query_string_behavior: "all" },
      cookies_config: { cookie_behavior: "whitelist", cookies: { items: Object.values(PLAYBACK_COOKIE_NAMES) } },
    });
  });

  it("serves /vod/ only with playback cookies signed by a key of the platform's key group", () => {
    for (const path of ["/vod/*.m3u8", "/vod/*"]) {
      expect(behaviorAt(distribution, path)).toMatchObject({ target_origin_id: "vod", trusted_key_groups: [KEY_GROUP] });
      expect(behaviorAt(distribution, path).function_association).toBeUndefined();
    }
  });

  it("closes /vod/ while no key is deployed: answered 403 at the edge, the processed bucket no origin and unreadable to CloudFront", () => {
    const { stack: closed } = synthDelivery({ playbackKeyGroupId: undefined });
    const config = distributionOf(closed);
    const fn = resourcesOf(closed, "aws_cloudfront_function").find((candidate) => candidate.config.name === "vp-playback-closed")!;
    for (const path of ["/vod/*.m3u8", "/vod/*"]) {
      const behavior = behaviorAt(config, path);
      expect(behavior).toMatchObject({ target_origin_id: "web", function_association: [{ event_type: "viewer-request", function_arn: ref(fn, "arn") }] });
    }
    const handler = runInNewContext(`${String(fn.config.code)}; handler`) as (event: unknown) => { statusCode: number };
    expect(handler({ request: { uri: "/vod/abc/index.m3u8" } }).statusCode).toBe(403);
    const processed = bucketNamed(closed, "vp-processed-");
    expect((config.origin as Block[]).some((origin) => String(origin.domain_name).includes(processed.address))).toBe(false);
    const [policy] = resourcesReferencing(closed, "aws_s3_bucket_policy", "bucket", processed);
    expect(statementsOf(closed, policy!.config.policy).map((statement) => statement.sid)).toEqual(["DenyInsecureTransport"]);
  });

  it("keeps playlists briefly, segments long, and lets the web app's own headers decide", () => {
    expect(behaviorAt(distribution, "/vod/*.m3u8").cache_policy_id).toBe(ref(cachePolicy(stack, "vp-hls-playlist"), "id"));
    expect(behaviorAt(distribution, "/vod/*").cache_policy_id).toBe(ref(cachePolicy(stack, "vp-hls-segment"), "id"));
    expect(cachePolicy(stack, "vp-hls-playlist").config).toMatchObject({ min_ttl: 0, default_ttl: 2, max_ttl: 5 });
    expect(cachePolicy(stack, "vp-hls-segment").config).toMatchObject({ default_ttl: CACHE_SECONDS.segmentDefault, max_ttl: CACHE_SECONDS.year });
    // min_ttl 0 honours the objects' `no-cache` on index.html and config.json.
    expect(cachePolicy(stack, "vp-web").config).toMatchObject({ min_ttl: 0 });
  });

  it("is HTTP/2 and HTTP/3, IPv6, index.html at the root, on CloudFront's certificate without a custom domain", () => {
    expect(distribution).toMatchObject({
      http_version: "http2and3",
      is_ipv6_enabled: true,
      default_root_object: "index.html",
      price_class: "PriceClass_100",
      viewer_certificate: { cloudfront_default_certificate: true },
    });
    expect(distribution.aliases).toBeUndefined();
  });

  it("sends security headers on every behaviour, and the player's CORS on the media's, leaving the APIs' CORS to them", () => {
    const headersNamed = (name: string) => resourcesOf(stack, "aws_cloudfront_response_headers_policy").find((policy) => policy.config.name === name)!;
    const policy = headersNamed("vp-security-headers");
    const apiPolicy = headersNamed("vp-api-security-headers");
    for (const behavior of [distribution.default_cache_behavior as Block, ...(distribution.ordered_cache_behavior as Block[])]) {
      const isApi = String(behavior.path_pattern ?? "").startsWith("/api/");
      expect(behavior.response_headers_policy_id).toBe(ref(isApi ? apiPolicy : policy, "id"));
    }
    expect(apiPolicy.config.cors_config).toBeUndefined();
    expect(apiPolicy.config.security_headers_config).toEqual(policy.config.security_headers_config);
    expect(policy.config).toMatchObject({
      security_headers_config: {
        strict_transport_security: { access_control_max_age_sec: 63_072_000, include_subdomains: true, override: true },
        content_type_options: { override: true },
        frame_options: { frame_option: "DENY" },
      },
      cors_config: {
        access_control_allow_origins: { items: ["http://localhost:5173"] },
        access_control_allow_methods: { items: ["GET", "HEAD", "OPTIONS"] },
      },
    });
  });

  it("lets only this distribution read each bucket, and only where it serves from", () => {
    const distributionResource = onlyResource(stack, "aws_cloudfront_distribution");
    for (const [prefix, objects] of [
      ["vp-web-", "/*"],
      ["vp-processed-", "/vod/*"],
    ] as const) {
      const bucket = bucketNamed(stack, prefix);
      const [policy] = resourcesReferencing(stack, "aws_s3_bucket_policy", "bucket", bucket);
      const grant = statementsOf(stack, policy!.config.policy).find((statement) => statement.sid === "CloudFrontReads");
      expect(grant).toMatchObject({
        actions: ["s3:GetObject"],
        resources: [`${ref(bucket, "arn")}${objects}`],
        principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
        condition: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [ref(distributionResource, "arn")] }],
      });
    }
  });

  it("uses the custom domain with SNI and TLS 1.2 at least when one is configured", () => {
    const certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0b2c3d4e-1111-2222-3333-444455556666";
    const custom = synthDelivery({ customDomain: { domainName: "video.example.com", certificateArn } });
    expect(distributionOf(custom.stack)).toMatchObject({
      aliases: ["video.example.com"],
      viewer_certificate: { acm_certificate_arn: certificateArn, ssl_support_method: "sni-only", minimum_protocol_version: "TLSv1.2_2021" },
    });
  });

  it("sits behind the web ACL when one is given, and behind none otherwise", () => {
    const webAclArn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/vp-edge/0b2c3d4e";
    expect(distributionOf(synthDelivery({ webAclArn }).stack).web_acl_id).toBe(webAclArn);
    expect(distribution.web_acl_id).toBeUndefined();
  });

  it("omits CORS when no other origin needs it: one security-headers policy for everything", () => {
    const { stack: closed } = synthDelivery({ corsOrigins: [] });
    expect(onlyResource(closed, "aws_cloudfront_response_headers_policy").config.cors_config).toBeUndefined();
  });

  it("makes an extra origin's signed behaviour trust the key group, or closes it while there is none (a private live channel)", () => {
    const live = (playbackKeyGroupId: string | undefined) =>
      distributionOf(
        synthDelivery({
          playbackKeyGroupId,
          extraOrigins: [
            {
              originId: "live",
              domainName: "abc.mediapackage.eu-west-1.amazonaws.com",
              behaviors: [{ pathPattern: "/out/v1/*", caching: "hlsPlaylist", signedCookies: true }],
            },
          ],
        }).stack,
      );
    expect(behaviorAt(live(KEY_GROUP), "/out/v1/*")).toMatchObject({ target_origin_id: "live", trusted_key_groups: [KEY_GROUP] });
    const closed = live(undefined);
    expect(behaviorAt(closed, "/out/v1/*")).toMatchObject({ target_origin_id: "web", function_association: [expect.objectContaining({ event_type: "viewer-request" })] });
    expect((closed.origin as Block[]).map((origin) => origin.origin_id)).not.toContain("live");
  });

  it("adds extra HTTPS origins and their behaviours after /vod/ (the live channel's entry point)", () => {
    const { stack: live, built } = synthDelivery({
      extraOrigins: [
        {
          originId: "live",
          domainName: "abc.mediapackage.eu-west-1.amazonaws.com",
          originPath: "/out/v1/123",
          customHeaders: [{ name: "X-MediaPackage-CDNIdentifier", value: "secret" }],
          behaviors: [
            { pathPattern: "/live/*.m3u8", caching: "hlsPlaylist" },
            { pathPattern: "/live/*", caching: { cachePolicyId: "custom-policy" }, originRequestPolicyId: "forward-query" },
          ],
        },
      ],
    });
    const config = distributionOf(live);
    expect((config.origin as Block[]).find((origin) => origin.origin_id === "live")).toEqual({
      origin_id: "live",
      domain_name: "abc.mediapackage.eu-west-1.amazonaws.com",
      origin_path: "/out/v1/123",
      custom_header: [{ name: "X-MediaPackage-CDNIdentifier", value: "secret" }],
      custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] },
    });
    const paths = (config.ordered_cache_behavior as Block[]).map((behavior) => behavior.path_pattern);
    expect(paths.slice(paths.indexOf("/vod/*"))).toEqual(["/vod/*", "/live/*.m3u8", "/live/*"]);
    expect(behaviorAt(config, "/live/*.m3u8")).toMatchObject({ target_origin_id: "live", viewer_protocol_policy: "https-only" });
    expect(behaviorAt(config, "/live/*.m3u8").trusted_key_groups).toBeUndefined();
    expect(behaviorAt(config, "/live/*")).toMatchObject({ cache_policy_id: "custom-policy", origin_request_policy_id: "forward-query" });
    expect(built.playlistCachePolicyId).toBeTruthy();
  });
});

describe("SPA fallback function", () => {
  const handler = runInNewContext(`${SPA_FALLBACK_CODE}; handler`) as (event: { request: { uri: string } }) => { uri: string };
  const rewrite = (uri: string) => handler({ request: { uri } }).uri;

  it("serves index.html for the app's routes", () => {
    expect(rewrite("/")).toBe("/index.html");
    expect(rewrite("/library")).toBe("/index.html");
    expect(rewrite("/watch/abc-123")).toBe("/index.html");
  });

  it("leaves files alone, so a missing one stays a 404 rather than HTML", () => {
    expect(rewrite("/config.json")).toBe("/config.json");
    expect(rewrite("/assets/index-B85rpupL.js")).toBe("/assets/index-B85rpupL.js");
  });

  it("is attached to the web app's behaviour only", () => {
    const { stack } = synthDelivery();
    const fn = onlyResource(stack, "aws_cloudfront_function");
    expect(fn.config.name).toBe("vp-spa-fallback");
    expect(fn.config).toMatchObject({ runtime: "cloudfront-js-2.0", publish: true });
    const distribution = distributionOf(stack);
    expect(distribution.default_cache_behavior).toMatchObject({
      function_association: [{ event_type: "viewer-request", function_arn: ref(fn, "arn") }],
    });
    for (const behavior of distribution.ordered_cache_behavior as Block[]) expect(behavior.function_association).toBeUndefined();
  });
});
