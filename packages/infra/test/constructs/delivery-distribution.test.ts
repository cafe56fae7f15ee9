import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { CACHE_SECONDS, DeliveryDistribution, type DeliveryDistributionProps } from "../../src/constructs/delivery-distribution.js";
import { PrivateBucket } from "../../src/constructs/private-bucket.js";
import { SPA_FALLBACK_CODE } from "../../src/constructs/spa-fallback.js";
import { synthConstruct } from "../support/synth-construct.js";
import { onlyResource, ref, resourcesOf, resourcesReferencing, statementsOf, type Block, type TerraformJson } from "../support/terraform-json.js";

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
      ...overrides,
    });
  });
}

const distributionOf = (stack: TerraformJson) => onlyResource(stack, "aws_cloudfront_distribution").config;
const cachePolicy = (stack: TerraformJson, name: string) => resourcesOf(stack, "aws_cloudfront_cache_policy").find((policy) => policy.config.name === name)!;
const bucketNamed = (stack: TerraformJson, prefix: string) => resourcesOf(stack, "aws_s3_bucket").find((bucket) => bucket.config.bucket_prefix === prefix)!;

describe("DeliveryDistribution", () => {
  const { stack } = synthDelivery();
  const distribution = distributionOf(stack);

  it("serves the web app by default and HLS under /vod/, both buckets through one origin access control", () => {
    const oac = onlyResource(stack, "aws_cloudfront_origin_access_control");
    expect(oac.config).toMatchObject({ origin_access_control_origin_type: "s3", signing_behavior: "always", signing_protocol: "sigv4" });
    expect(distribution.origin).toEqual([
      { origin_id: "web", domain_name: ref(bucketNamed(stack, "vp-web-"), "bucket_regional_domain_name"), origin_access_control_id: ref(oac, "id") },
      { origin_id: "vod", domain_name: ref(bucketNamed(stack, "vp-processed-"), "bucket_regional_domain_name"), origin_access_control_id: ref(oac, "id") },
    ]);
    expect(distribution.default_cache_behavior).toMatchObject({ target_origin_id: "web", viewer_protocol_policy: "redirect-to-https" });
    expect((distribution.ordered_cache_behavior as Block[]).map((behavior) => [behavior.path_pattern, behavior.target_origin_id])).toEqual([
      ["/vod/*.m3u8", "vod"],
      ["/vod/*", "vod"],
    ]);
  });

  it("keeps playlists briefly, segments long, and lets the web app's own headers decide", () => {
    const behaviors = distribution.ordered_cache_behavior as Block[];
    expect(behaviors[0]?.cache_policy_id).toBe(ref(cachePolicy(stack, "vp-hls-playlist"), "id"));
    expect(behaviors[1]?.cache_policy_id).toBe(ref(cachePolicy(stack, "vp-hls-segment"), "id"));
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

  it("sends security headers and the player's CORS on every behaviour", () => {
    const policy = onlyResource(stack, "aws_cloudfront_response_headers_policy");
    for (const behavior of [distribution.default_cache_behavior as Block, ...(distribution.ordered_cache_behavior as Block[])]) {
      expect(behavior.response_headers_policy_id).toBe(ref(policy, "id"));
    }
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

  it("omits CORS when no other origin needs it", () => {
    const { stack: closed } = synthDelivery({ corsOrigins: [] });
    expect(onlyResource(closed, "aws_cloudfront_response_headers_policy").config.cors_config).toBeUndefined();
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
    expect((config.origin as Block[])[2]).toEqual({
      origin_id: "live",
      domain_name: "abc.mediapackage.eu-west-1.amazonaws.com",
      origin_path: "/out/v1/123",
      custom_header: [{ name: "X-MediaPackage-CDNIdentifier", value: "secret" }],
      custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] },
    });
    const behaviors = config.ordered_cache_behavior as Block[];
    expect(behaviors.map((behavior) => behavior.path_pattern)).toEqual(["/vod/*.m3u8", "/vod/*", "/live/*.m3u8", "/live/*"]);
    expect(behaviors[2]).toMatchObject({ target_origin_id: "live", viewer_protocol_policy: "https-only" });
    expect(behaviors[3]).toMatchObject({ cache_policy_id: "custom-policy", origin_request_policy_id: "forward-query" });
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
    expect(fn.config).toMatchObject({ runtime: "cloudfront-js-2.0", publish: true });
    const distribution = distributionOf(stack);
    expect(distribution.default_cache_behavior).toMatchObject({
      function_association: [{ event_type: "viewer-request", function_arn: ref(fn, "arn") }],
    });
    for (const behavior of distribution.ordered_cache_behavior as Block[]) expect(behavior.function_association).toBeUndefined();
  });
});
