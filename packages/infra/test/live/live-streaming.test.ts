import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LiveLadder } from "@video-platform/shared-types";
import { TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { CDN_IDENTIFIER_HEADER } from "../../src/constructs/live/cdn-identifier.js";
import { LIVE_PATH_PATTERN, MANAGED_MEDIAPACKAGE_CACHE_POLICY_ID } from "../../src/constructs/live/live-delivery-origin.js";
import { LiveStreaming, type LiveStreamingProps } from "../../src/constructs/live/live-streaming.js";
import { OriginEndpointsConfigError } from "../../src/constructs/live/origin-endpoints.js";
import { SrtInputConfigError } from "../../src/constructs/live/srt-listener-input.js";
import { validateTemplate } from "../support/cloudformation-schema.js";

type Block = Record<string, unknown>;
interface Synthesized {
  resource: Record<string, Record<string, Block>>;
  data?: Record<string, Record<string, Block>>;
}

const defaults: LiveStreamingProps = { namePrefix: "vp-test", channelClass: "SINGLE_PIPELINE", srtAllowedCidrs: ["203.0.113.0/24"] };

function synthLive(props: Partial<LiveStreamingProps> = {}): { json: Synthesized; text: string; live: LiveStreaming } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "live");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const live = new LiveStreaming(stack, "live", { ...defaults, ...props });
  const text = Testing.synth(stack);
  return { json: JSON.parse(text) as Synthesized, text, live };
}

const resources = (json: Synthesized, type: string): Block[] => Object.values(json.resource[type] ?? {});
const only = (json: Synthesized, type: string): Block => {
  const all = resources(json, type);
  expect(all, type).toHaveLength(1);
  return all[0]!;
};
const first = <T>(value: unknown): T => (Array.isArray(value) ? value[0] : value) as T;

interface CfnStack {
  name: string;
  template_body: string;
  parameters: Record<string, string>;
}
/** The value at `path` inside parsed JSON. */
function dig(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

function cfnStackWith(json: Synthesized, resourceType: string): CfnStack & { template: unknown } {
  const stacks = resources(json, "aws_cloudformation_stack") as unknown as CfnStack[];
  const found = stacks.find((stack) => stack.template_body.includes(`"${resourceType}"`));
  expect(found, `a CloudFormation stack holding ${resourceType}`).toBeDefined();
  return { ...found!, template: JSON.parse(found!.template_body) };
}

describe("the live channel", () => {
  it("is created idle: a running channel is billed by the hour", () => {
    const { json } = synthLive();
    expect(only(json, "aws_medialive_channel").start_channel).toBe(false);
  });

  it("is single-pipeline unless the environment asks for two pipelines", () => {
    expect(only(synthLive().json, "aws_medialive_channel").channel_class).toBe("SINGLE_PIPELINE");
    expect(only(synthLive({ channelClass: "STANDARD" }).json, "aws_medialive_channel").channel_class).toBe("STANDARD");
  });

  it("encodes an H.264/AAC ladder of 1080p, 720p and 540p on 2-second closed GOPs, all to MediaPackage", () => {
    const channel = only(synthLive().json, "aws_medialive_channel");
    const encoder = first<Block>(channel.encoder_settings);
    const videos = encoder.video_descriptions as Block[];
    expect(videos.map((video) => video.height)).toEqual([1080, 720, 540]);
    for (const video of videos) {
      const h264 = first<Block>(first<Block>(video.codec_settings).h264_settings);
      expect(h264).toMatchObject({ gop_size: 2, gop_size_units: "SECONDS", gop_closed_cadence: 1, framerate_control: "SPECIFIED" });
      expect(h264.par_control).toBe("SPECIFIED");
    }
    const audios = encoder.audio_descriptions as Block[];
    expect(audios.every((audio) => first<Block>(first<Block>(audio.codec_settings).aac_settings).sample_rate === 48_000)).toBe(true);
    const group = first<Block>(encoder.output_groups);
    const destinationRef = first<Block>(first<Block>(first<Block>(group.output_group_settings).media_package_group_settings).destination);
    const destinations = channel.destinations as Block[];
    expect(destinations.map((destination) => destination.id)).toContain(destinationRef.destination_ref_id);
    expect((group.outputs as Block[]).map((output) => output.video_description_name)).toEqual(videos.map((video) => video.name));
    expect(String(first<Block>(destinations[0]!.media_package_settings).channel_id)).toMatch(/aws_media_package_channel\./);
  });

  it("assumes a role of its own that may touch only its passphrase, its MediaPackage channel and its logs", () => {
    const { json } = synthLive();
    const channel = only(json, "aws_medialive_channel");
    const roles = json.resource.aws_iam_role ?? {};
    const roleName = Object.keys(roles).find((key) => String(channel.role_arn).includes(`aws_iam_role.${key}.`));
    expect(roleName).toBeDefined();
    const policy = resources(json, "aws_iam_role_policy").find((block) => String(block.role).includes(`aws_iam_role.${roleName}.`));
    const documentName = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(String(policy?.policy))?.[1];
    const document = json.data?.aws_iam_policy_document?.[documentName ?? ""] as { statement: { actions: string[]; resources: string[] }[] };
    const actions = document.statement.flatMap((statement) => statement.actions);
    expect(actions.sort()).toEqual(
      [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:DescribeLogStreams",
        "logs:PutLogEvents",
        "mediapackage:DescribeChannel",
        "secretsmanager:DescribeSecret",
        "secretsmanager:GetSecretValue",
      ].sort(),
    );
    for (const statement of document.statement) {
      expect(statement.resources.every((resource) => resource !== "*")).toBe(true);
    }
  });
});

describe("the SRT input", () => {
  it("is an SRT listener that decrypts with the passphrase secret, valid for AWS::MediaLive::Input", () => {
    const { json } = synthLive();
    const stack = cfnStackWith(json, "AWS::MediaLive::Input");
    expect(validateTemplate(stack.template)).toEqual([]);
    const input = dig(stack.template, "Resources", "SrtListenerInput", "Properties");
    expect(dig(input, "Type")).toBe("SRT_LISTENER");
    expect(dig(input, "SrtSettings", "SrtListenerSettings", "Decryption")).toEqual({
      Algorithm: "AES256",
      PassphraseSecretArn: { Ref: "PassphraseSecretArn" },
    });
    expect(stack.parameters.PassphraseSecretArn).toMatch(/^\$\{aws_secretsmanager_secret\.[^.]+\.arn\}$/);
  });

  it("accepts encoders only from the configured networks", () => {
    const cidrs = ["203.0.113.0/24", "198.51.100.7/32"];
    const { json } = synthLive({ srtAllowedCidrs: cidrs });
    const group = only(json, "aws_medialive_input_security_group");
    expect((group.whitelist_rules as Block[]).map((rule) => rule.cidr).sort()).toEqual([...cidrs].sort());
    expect(cfnStackWith(json, "AWS::MediaLive::Input").parameters.InputSecurityGroupId).toContain("aws_medialive_input_security_group.");
    expect(() => synthLive({ srtAllowedCidrs: [] })).toThrow(SrtInputConfigError);
    expect(() => synthLive({ srtMinimumLatencyMs: 50 })).toThrow(SrtInputConfigError);
  });

  it("never has its passphrase in the synthesized configuration", () => {
    const { json, text } = synthLive();
    const secrets = json.resource.aws_secretsmanager_secret ?? {};
    const passphraseKey = Object.keys(secrets).find((key) => String(secrets[key]!.name).endsWith("-live-srt-passphrase"));
    expect(passphraseKey).toBeDefined();
    // No version of that secret is written by Terraform: no value, in clear or otherwise.
    const versions = resources(json, "aws_secretsmanager_secret_version");
    expect(versions.some((version) => String(version.secret_id).includes(`aws_secretsmanager_secret.${passphraseKey}.`))).toBe(false);
    expect(text).not.toMatch(/passphrase=|"Passphrase"\s*:|secret_string_wo/i);
    // MediaLive reads it by ARN, and so does the channel's role: nothing else refers to it.
    const references = text.match(new RegExp(`aws_secretsmanager_secret\\.${passphraseKey}\\.(\\w+)`, "g")) ?? [];
    expect(new Set(references)).toEqual(new Set([`aws_secretsmanager_secret.${passphraseKey}.arn`]));
  });
});

describe("packaging and delivery", () => {
  it("has HLS and DASH endpoints with start-over and 2-second segments, valid for AWS::MediaPackage::OriginEndpoint", () => {
    const { json } = synthLive({ startoverWindowSeconds: 3600 });
    const stack = cfnStackWith(json, "AWS::MediaPackage::OriginEndpoint");
    expect(validateTemplate(stack.template)).toEqual([]);
    const hls = dig(stack.template, "Resources", "HlsEndpoint", "Properties");
    const dash = dig(stack.template, "Resources", "DashEndpoint", "Properties");
    expect(dig(hls, "HlsPackage", "SegmentDurationSeconds")).toBe(LiveLadder.segmentSeconds);
    expect(dig(dash, "DashPackage", "SegmentDurationSeconds")).toBe(LiveLadder.segmentSeconds);
    expect(dig(hls, "StartoverWindowSeconds")).toBe(3600);
    expect(dig(dash, "StartoverWindowSeconds")).toBe(3600);
    expect(stack.parameters.ChannelId).toMatch(/aws_media_package_channel\./);
    expect(() => synthLive({ startoverWindowSeconds: 15 * 86_400 })).toThrow(OriginEndpointsConfigError);
  });

  it("lets only CloudFront pull: the endpoints demand the CDN identifier the distribution sends", () => {
    const { json, live } = synthLive();
    const stack = cfnStackWith(json, "AWS::MediaPackage::OriginEndpoint");
    const endpoints = Object.values(dig(stack.template, "Resources") as Record<string, unknown>);
    expect(endpoints).toHaveLength(2);
    for (const endpoint of endpoints) {
      expect(dig(endpoint, "Properties", "Authorization")).toEqual({
        CdnIdentifierSecret: { Ref: "CdnIdentifierSecretArn" },
        SecretsRoleArn: { Ref: "SecretsRoleArn" },
      });
    }
    const secrets = json.resource.aws_secretsmanager_secret ?? {};
    const cdnKey = Object.keys(secrets).find((key) => String(secrets[key]!.name).endsWith("-live-cdn-identifier"));
    expect(stack.parameters.CdnIdentifierSecretArn).toBe(`\${aws_secretsmanager_secret.${cdnKey}.arn}`);

    const origin = live.deliveryOrigin;
    expect(origin.customHeaders.map((header) => header.name)).toEqual([CDN_IDENTIFIER_HEADER]);
    expect(origin.behaviors).toEqual([
      { pathPattern: LIVE_PATH_PATTERN, caching: { cachePolicyId: MANAGED_MEDIAPACKAGE_CACHE_POLICY_ID }, signedCookies: false },
    ]);
    // The header's value is the secret's, drawn once and kept: it must not change on every plan.
    const version = resources(json, "aws_secretsmanager_secret_version").find((block) =>
      String(block.secret_id).includes(`aws_secretsmanager_secret.${cdnKey}.`),
    );
    expect(version?.lifecycle).toEqual({ ignore_changes: ["secret_string"] });
    expect(String(version?.secret_string)).toContain("uuid()");
  });

  it("serves the live paths from the prefix every MediaPackage endpoint lives under", () => {
    expect(LIVE_PATH_PATTERN).toBe("/out/v1/*");
  });
});

describe("ordering the live resources", () => {
  const { json } = synthLive();
  const addressOf = (type: string, predicate: (block: Block) => boolean) => {
    const [name] = Object.entries(json.resource[type] ?? {}).find(([, block]) => predicate(block)) ?? [];
    expect(name, type).toBeDefined();
    return `${type}.${name}`;
  };
  const dependsOn = (type: string, predicate: (block: Block) => boolean) =>
    ((Object.values(json.resource[type] ?? {}).find(predicate)?.depends_on as string[] | undefined) ?? []);

  it("creates the MediaPackage endpoints only after the CDN secret has its value and MediaPackage may read it", () => {
    const version = addressOf("aws_secretsmanager_secret_version", () => true);
    const policy = addressOf("aws_iam_role_policy", (block) => block.name === "read-cdn-identifier");
    const endpoints = dependsOn("aws_cloudformation_stack", (block) => String(block.template_body).includes("AWS::MediaPackage::OriginEndpoint"));
    expect(endpoints).toEqual(expect.arrayContaining([version, policy]));
  });

  it("creates the channel only after its role may read the passphrase and reach MediaPackage", () => {
    const policy = addressOf("aws_iam_role_policy", (block) => block.name === "live-channel");
    expect(dependsOn("aws_medialive_channel", () => true)).toContain(policy);
  });

  it("lets MediaLive and MediaPackage assume their roles for this account only", () => {
    const roles = Object.values(json.resource.aws_iam_role ?? {});
    expect(roles).toHaveLength(2);
    for (const role of roles) {
      const documentName = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(String(role.assume_role_policy))![1]!;
      const [statement] = (json.data?.aws_iam_policy_document?.[documentName] as { statement: Block[] }).statement;
      expect(statement!.condition).toEqual([
        { test: "StringEquals", variable: "aws:SourceAccount", values: [expect.stringMatching(/^\$\{element\(split\(":", aws_secretsmanager_secret\.[^.]+\.arn\), 4\)\}$/)] },
      ]);
    }
  });
});

describe("the SRT input's endpoints", () => {
  it("are one per pipeline: two for a STANDARD channel, one for a single-pipeline channel", () => {
    for (const [channelClass, endpoints] of [["SINGLE_PIPELINE", 1], ["STANDARD", 2]] as const) {
      const stack = cfnStackWith(synthLive({ channelClass }).json, "AWS::MediaLive::Input");
      expect(validateTemplate(stack.template)).toEqual([]);
      expect(dig(stack.template, "Resources", "SrtListenerInput", "Properties", "Destinations")).toEqual(Array.from({ length: endpoints }, () => ({})));
    }
  });
});

describe("the live DASH clock", () => {
  const dashPackage = (props: Partial<LiveStreamingProps>) => {
    const stack = cfnStackWith(synthLive(props).json, "AWS::MediaPackage::OriginEndpoint");
    expect(validateTemplate(stack.template)).toEqual([]);
    return dig(stack.template, "Resources", "DashEndpoint", "Properties", "DashPackage") as Record<string, unknown>;
  };

  it("is left out (NONE) unless a time source is configured: an HTTP mode without a URI gives players nothing to ask", () => {
    const dash = dashPackage({});
    expect(dash.UtcTiming).toBe("NONE");
    expect(dash).not.toHaveProperty("UtcTimingUri");
  });

  it("names the configured time source with its mode", () => {
    const dash = dashPackage({ dashUtcTiming: { mode: "HTTP-ISO", uri: "https://time.example.net/iso" } });
    expect(dash).toMatchObject({ UtcTiming: "HTTP-ISO", UtcTimingUri: "https://time.example.net/iso" });
  });

  it("refuses a time source that is not an https URL", () => {
    for (const uri of ["", "time.example.net", "http://time.example.net/iso"]) {
      expect(() => synthLive({ dashUtcTiming: { mode: "HTTP-HEAD", uri } }), uri).toThrow(OriginEndpointsConfigError);
    }
  });
});
