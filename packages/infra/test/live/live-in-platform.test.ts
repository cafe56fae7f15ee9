import { afterAll, describe, expect, it } from "vitest";
import { ENVIRONMENTS, parseEnvironmentConfig } from "../../src/config.js";
import { CDN_IDENTIFIER_HEADER } from "../../src/constructs/live/cdn-identifier.js";
import { SOURCES_PER_CHANNEL_CLASS } from "../../src/constructs/live/channel-class.js";
import { LIVE_PATH_PATTERN, MANAGED_MEDIAPACKAGE_CACHE_POLICY_ID } from "../../src/constructs/live/live-delivery-origin.js";
import { synthesizeApp } from "../support/synthesized-app.js";
import { onlyResource, ref, resourcesOf, type Block, type TerraformJson } from "../support/terraform-json.js";

const synthesized = synthesizeApp();
afterAll(() => synthesized.cleanup());

const environments = ENVIRONMENTS.map((input) => parseEnvironmentConfig(input));
const withLive = environments.filter((environment) => environment.liveEnabled).map((environment) => environment.name);
const withoutLive = environments.filter((environment) => !environment.liveEnabled).map((environment) => environment.name);

/**
 * `liveHlsPath` as published in config.json, before Terraform fills it in: a template whose
 * expression may hold quotes (`outputs["HlsUrl"]`), so the content is JSON only after apply.
 */
function publishedLiveHlsPath(stack: TerraformJson): string {
  const object = resourcesOf(stack, "aws_s3_object").find((candidate) => candidate.config.key === "config.json");
  const match = /^\s*"liveHlsPath": (null|".*"),?$/m.exec(String(object?.config.content));
  if (!match) throw new Error("config.json has no liveHlsPath");
  return match[1]!;
}

const LIVE_OUTPUTS = ["live_srt_ingest_urls", "live_srt_passphrase_secret", "live_channel_id", "live_hls_url", "live_dash_url"];

describe("the live channel in the platform stacks", () => {
  it("is on in at least one environment and off in another, so both shapes are checked", () => {
    expect(withLive.length).toBeGreaterThan(0);
    expect(withoutLive.length).toBeGreaterThan(0);
  });

  describe.each(withLive)("where live is on (%s)", (name) => {
    const stack = synthesized.stacks[name]!;
    const hlsStack = resourcesOf(stack, "aws_cloudformation_stack").find((candidate) =>
      String(candidate.config.template_body).includes("AWS::MediaPackage::OriginEndpoint"),
    )!;

    it("serves /out/v1/* from MediaPackage, over HTTPS, with the CDN identifier and the MediaPackage cache policy", () => {
      const distribution = onlyResource(stack, "aws_cloudfront_distribution").config;
      const origin = (distribution.origin as Block[]).find((candidate) => String(candidate.domain_name).includes(hlsStack.address));
      expect(origin, "an origin on the MediaPackage endpoint's host").toBeDefined();
      const headers = origin!.custom_header as Block[];
      expect(headers.map((header) => header.name)).toEqual([CDN_IDENTIFIER_HEADER]);
      expect(String(headers[0]!.value)).toMatch(/aws_secretsmanager_secret_version\.[^.]+\.secret_string/);
      expect(origin!.custom_origin_config).toMatchObject({ origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] });

      const behavior = (distribution.ordered_cache_behavior as Block[]).find((candidate) => candidate.path_pattern === LIVE_PATH_PATTERN);
      expect(behavior).toMatchObject({
        target_origin_id: origin!.origin_id,
        cache_policy_id: MANAGED_MEDIAPACKAGE_CACHE_POLICY_ID,
        viewer_protocol_policy: "https-only",
      });
    });

    it("publishes the live playlist's path in config.json, from the HLS endpoint's URL", () => {
      const liveHlsPath = publishedLiveHlsPath(stack);
      expect(liveHlsPath.startsWith('"/')).toBe(true);
      expect(liveHlsPath).toContain(`${hlsStack.address}.outputs["HlsUrl"]`);
    });

    it("outputs the SRT ingest URL and the HLS and DASH URLs through CloudFront", () => {
      const outputs = stack.output ?? {};
      expect(Object.keys(outputs)).toEqual(expect.arrayContaining(LIVE_OUTPUTS));
      const distribution = onlyResource(stack, "aws_cloudfront_distribution");
      for (const playback of ["live_hls_url", "live_dash_url"]) {
        expect(String(outputs[playback]!.value).startsWith(`https://${ref(distribution, "domain_name")}/`), playback).toBe(true);
      }
      expect(String(outputs.live_srt_ingest_urls!.value)).toMatch(/aws_cloudformation_stack\.[^.]+\.outputs\["IngestUrls"\]/);
    });

    it("gives the SRT input one listener endpoint per pipeline of the channel", () => {
      const config = environments.find((environment) => environment.name === name)!;
      const input = resourcesOf(stack, "aws_cloudformation_stack").find((candidate) => String(candidate.config.template_body).includes("AWS::MediaLive::Input"))!;
      const destinations = (JSON.parse(String(input.config.template_body)) as { Resources: { SrtListenerInput: { Properties: { Destinations: unknown[] } } } })
        .Resources.SrtListenerInput.Properties.Destinations;
      expect(destinations).toHaveLength(SOURCES_PER_CHANNEL_CLASS[config.mediaLiveChannelClass]);
      expect(onlyResource(stack, "aws_medialive_channel").config.channel_class).toBe(config.mediaLiveChannelClass);
    });

    it("creates the channel idle, and no value for the SRT passphrase", () => {
      expect(onlyResource(stack, "aws_medialive_channel").config.start_channel).toBe(false);
      const passphrase = resourcesOf(stack, "aws_secretsmanager_secret").find((secret) => String(secret.config.name).endsWith("-srt-passphrase"))!;
      const written = resourcesOf(stack, "aws_secretsmanager_secret_version").filter((version) =>
        String(version.config.secret_id).startsWith(`\${${passphrase.address}.`),
      );
      expect(written).toEqual([]);
    });
  });

  describe.each(withoutLive)("where live is off (%s)", (name) => {
    const stack = synthesized.stacks[name]!;

    it("has no live resources, no live outputs, and liveHlsPath null", () => {
      for (const type of ["aws_medialive_channel", "aws_medialive_input_security_group", "aws_media_package_channel"]) {
        expect(resourcesOf(stack, type), type).toEqual([]);
      }
      expect(Object.keys(stack.output ?? {}).filter((output) => output.startsWith("live_"))).toEqual([]);
      expect(publishedLiveHlsPath(stack)).toBe("null");
      const distribution = onlyResource(stack, "aws_cloudfront_distribution").config;
      expect((distribution.ordered_cache_behavior as Block[]).some((behavior) => behavior.path_pattern === LIVE_PATH_PATTERN)).toBe(false);
    });
  });
});

describe("the live configuration", () => {
  const base = {
    name: "qa",
    region: "eu-west-1",
    namePrefix: "video-platform-qa",
    mediaLiveChannelClass: "SINGLE_PIPELINE",
    priceClass: "PriceClass_100",
    alarmNotifications: { emails: ["oncall@studio.tv"] },
  };

  it("refuses live without an allowed network, and anything but IPv4 CIDRs", () => {
    expect(() => parseEnvironmentConfig({ ...base, liveEnabled: true })).toThrow(/srtAllowedCidrs/);
    expect(() => parseEnvironmentConfig({ ...base, liveEnabled: true, srtAllowedCidrs: ["198.51.100.7"] })).toThrow(/srtAllowedCidrs/);
    expect(parseEnvironmentConfig({ ...base, liveEnabled: true, srtAllowedCidrs: ["198.51.100.7/32"] }).srtAllowedCidrs).toEqual(["198.51.100.7/32"]);
    expect(parseEnvironmentConfig({ ...base, liveEnabled: false }).srtAllowedCidrs).toEqual([]);
  });

  it("refuses an encoder that cannot feed the channel: a STANDARD channel ingests two SRT streams, a single-pipeline one only the first", () => {
    const live = { ...base, liveEnabled: true, srtAllowedCidrs: ["198.51.100.7/32"] };
    expect(() => parseEnvironmentConfig({ ...live, mediaLiveChannelClass: "STANDARD" })).toThrow(/srtEncoderStreams must be 2 for a STANDARD channel/);
    expect(() => parseEnvironmentConfig({ ...live, srtEncoderStreams: 2 })).toThrow(/srtEncoderStreams must be 1 for a SINGLE_PIPELINE channel/);
    expect(parseEnvironmentConfig({ ...live, mediaLiveChannelClass: "STANDARD", srtEncoderStreams: 2 }).srtEncoderStreams).toBe(2);
    // Without live there is no input to feed.
    expect(() => parseEnvironmentConfig({ ...base, liveEnabled: false, mediaLiveChannelClass: "STANDARD" })).not.toThrow();
  });

  it("takes a DASH time source only as an https URL with an HTTP mode", () => {
    const live = { ...base, liveEnabled: true, srtAllowedCidrs: ["198.51.100.7/32"] };
    expect(parseEnvironmentConfig({ ...live, liveDashUtcTiming: { mode: "HTTP-ISO", uri: "https://time.example.net/iso" } }).liveDashUtcTiming).toEqual({
      mode: "HTTP-ISO",
      uri: "https://time.example.net/iso",
    });
    expect(() => parseEnvironmentConfig({ ...live, liveDashUtcTiming: { mode: "HTTP-ISO", uri: "http://time.example.net" } })).toThrow(/liveDashUtcTiming\.uri/);
    expect(() => parseEnvironmentConfig({ ...live, liveDashUtcTiming: { mode: "NONE", uri: "https://time.example.net" } })).toThrow(/liveDashUtcTiming\.mode/);
  });
});
