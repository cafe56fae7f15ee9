import { generateKeyPairSync } from "node:crypto";
import { DEFAULT_MAX_DURATION_SECONDS, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_UPLOAD_QUOTA, GIB } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { ENVIRONMENTS, InvalidEnvironmentConfigError, parseEnvironmentConfig, parseEnvironments, type EnvironmentConfigInput } from "../src/config.js";

const valid: EnvironmentConfigInput = {
  name: "qa",
  region: "us-east-1",
  namePrefix: "video-platform-qa",
  liveEnabled: false,
  mediaLiveChannelClass: "SINGLE_PIPELINE",
  priceClass: "PriceClass_100",
};

describe("environment configuration", () => {
  it("defines dev and prod, each valid", () => {
    const environments = parseEnvironments(ENVIRONMENTS);
    expect(environments.map((environment) => environment.name)).toEqual(["dev", "prod"]);
    const prod = environments.find((environment) => environment.name === "prod")!;
    expect(prod).toMatchObject({
      production: true,
      deletionProtection: true,
      priceClass: "PriceClass_All",
      mediaLiveChannelClass: "STANDARD",
      srtEncoderStreams: 2,
      edgeFirewall: { uploadRequestsPerIpPer5Minutes: expect.any(Number) },
    });
    expect(prod.alarmNotifications.emails.length + prod.alarmNotifications.subscriptions.length).toBeGreaterThan(0);
  });

  it("lets people sign themselves up in dev only: prod is by invitation", () => {
    const environments = parseEnvironments(ENVIRONMENTS);
    expect(Object.fromEntries(environments.map((environment) => [environment.name, environment.selfSignUp]))).toEqual({ dev: true, prod: false });
  });

  it("fills in defaults", () => {
    expect(parseEnvironmentConfig(valid)).toMatchObject({
      allowedOrigins: [],
      maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
      maxSourceDurationSeconds: DEFAULT_MAX_DURATION_SECONDS,
      logRetentionDays: 30,
      deletionProtection: false,
      production: false,
      alarmNotifications: { emails: [], subscriptions: [] },
      srtEncoderStreams: 1,
      edgeLogRetentionDays: 90,
      uploadQuota: DEFAULT_UPLOAD_QUOTA,
      selfSignUp: false,
      playbackPublicKeys: [],
      livePrivate: false,
    });
    expect(parseEnvironmentConfig(valid).edgeFirewall).toBeUndefined();
  });

  it("names every bad field at once", () => {
    expect(() => parseEnvironmentConfig({ ...valid, region: "Europe", namePrefix: "Bad_Prefix", priceClass: "PriceClass_1" })).toThrow(
      /environment qa: .*region.*namePrefix.*priceClass/,
    );
  });

  it("takes a custom domain only with a certificate in us-east-1", () => {
    const customDomain = { domainName: "video.example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0b2c3d4e-1111-2222-3333-444455556666" };
    expect(parseEnvironmentConfig({ ...valid, customDomain }).customDomain).toEqual(customDomain);
    expect(() =>
      parseEnvironmentConfig({ ...valid, customDomain: { ...customDomain, certificateArn: customDomain.certificateArn.replace("us-east-1", "eu-west-1") } }),
    ).toThrow(/customDomain\.certificateArn/);
    expect(() => parseEnvironmentConfig({ ...valid, customDomain: { domainName: "video.example.com" } })).toThrow(InvalidEnvironmentConfigError);
  });

  it("accepts only bare origins, and plain http only for localhost", () => {
    expect(parseEnvironmentConfig({ ...valid, allowedOrigins: ["https://app.example.com", "http://localhost:5173"] }).allowedOrigins).toHaveLength(2);
    for (const origin of ["http://app.example.com", "https://app.example.com/", "https://app.example.com/path", "*"]) {
      expect(() => parseEnvironmentConfig({ ...valid, allowedOrigins: [origin] }), origin).toThrow(/allowedOrigins/);
    }
  });

  it("keeps uploads within S3's object size and log retention within CloudWatch's periods", () => {
    expect(() => parseEnvironmentConfig({ ...valid, maxUploadBytes: 6 * 1024 ** 4 })).toThrow(/maxUploadBytes/);
    expect(parseEnvironmentConfig({ ...valid, maxSourceDurationSeconds: 2 * 3600 }).maxSourceDurationSeconds).toBe(7200);
    expect(() => parseEnvironmentConfig({ ...valid, maxSourceDurationSeconds: 0 })).toThrow(/maxSourceDurationSeconds/);
    expect(() => parseEnvironmentConfig({ ...valid, logRetentionDays: 10 })).toThrow(/logRetentionDays/);
    expect(() => parseEnvironmentConfig({ ...valid, alarmNotifications: { emails: ["not-an-address"] } })).toThrow(/alarmNotifications\.emails/);
  });

  it("takes per-user quotas, refusing a daily allowance smaller than one upload", () => {
    const quota = { maxOpenUploads: 5, maxBytesPerDay: 100 * GIB };
    expect(parseEnvironmentConfig({ ...valid, uploadQuota: quota }).uploadQuota).toEqual(quota);
    expect(() => parseEnvironmentConfig({ ...valid, uploadQuota: { ...quota, maxOpenUploads: 0 } })).toThrow(/uploadQuota\.maxOpenUploads/);
    expect(() => parseEnvironmentConfig({ ...valid, maxUploadBytes: 50 * GIB, uploadQuota: { ...quota, maxBytesPerDay: 10 * GIB } })).toThrow(
      /uploadQuota\.maxBytesPerDay must be at least maxUploadBytes/,
    );
  });

  it("takes playback public keys by name, at most a key group's five", () => {
    const publicKeyPem = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(parseEnvironmentConfig({ ...valid, playbackPublicKeys: [{ name: "key-20300101", publicKeyPem }] }).playbackPublicKeys).toHaveLength(1);
    expect(() => parseEnvironmentConfig({ ...valid, playbackPublicKeys: [{ name: "key one", publicKeyPem }] })).toThrow(/playbackPublicKeys\.0\.name/);
    const six = Array.from({ length: 6 }, (_, index) => ({ name: `k${index}`, publicKeyPem }));
    expect(() => parseEnvironmentConfig({ ...valid, playbackPublicKeys: six })).toThrow(/playbackPublicKeys/);
  });

  it("makes live private only where there is a live channel", () => {
    expect(() => parseEnvironmentConfig({ ...valid, livePrivate: true })).toThrow(/livePrivate needs liveEnabled/);
  });

  it("refuses two environments that would share names", () => {
    expect(() => parseEnvironments([valid, { ...valid, name: "qa2" }])).toThrow(/namePrefix "video-platform-qa"/);
    expect(() => parseEnvironments([valid, { ...valid, namePrefix: "video-platform-qa2" }])).toThrow(/name "qa"/);
  });
});

describe("what a production environment must have", () => {
  const production = {
    ...valid,
    production: true,
    deletionProtection: true,
    edgeFirewall: {},
    alarmNotifications: { emails: ["oncall@studio.tv"] },
  } satisfies EnvironmentConfigInput;

  it("accepts one that protects its data, has the edge firewall and names where alarms go", () => {
    expect(parseEnvironmentConfig(production)).toMatchObject({ production: true, edgeFirewall: { uploadRequestsPerIpPer5Minutes: 1_000 } });
  });

  it("refuses one without an alarm destination, deletion protection or firewall, naming each", () => {
    const bare = { ...valid, production: true };
    expect(() => parseEnvironmentConfig(bare)).toThrow(/alarmNotifications must name at least one.*deletionProtection must be true.*edgeFirewall must be set/);
    expect(() => parseEnvironmentConfig({ ...production, alarmNotifications: { emails: [], subscriptions: [] } })).toThrow(/alarmNotifications/);
  });

  it("asks any live environment, production or not, where alarms go", () => {
    const live = { ...valid, liveEnabled: true, srtAllowedCidrs: ["198.51.100.7/32"] };
    expect(() => parseEnvironmentConfig(live)).toThrow(/alarmNotifications must name at least one e-mail or subscription/);
    const paged = { ...live, alarmNotifications: { subscriptions: [{ protocol: "https", endpoint: "https://hooks.studio.tv/alarms" }] } };
    expect(parseEnvironmentConfig(paged).alarmNotifications.subscriptions).toHaveLength(1);
  });

  it("checks each subscription's endpoint against its protocol", () => {
    const withSubscription = (protocol: string, endpoint: string) => ({ ...valid, alarmNotifications: { subscriptions: [{ protocol, endpoint }] } });
    for (const [protocol, endpoint] of [
      ["https", "https://hooks.studio.tv/alarms"],
      ["sqs", "arn:aws:sqs:eu-west-1:123456789012:alarms"],
      ["lambda", "arn:aws:lambda:eu-west-1:123456789012:function:page-oncall"],
      ["sms", "+447700900123"],
    ]) {
      expect(() => parseEnvironmentConfig(withSubscription(protocol!, endpoint!)), protocol).not.toThrow();
    }
    for (const [protocol, endpoint] of [
      ["https", "http://hooks.studio.tv/alarms"],
      ["sqs", "alarms"],
      ["lambda", "arn:aws:sqs:eu-west-1:123456789012:alarms"],
      ["sms", "07700900123"],
      ["email-json", "ops@studio.tv"],
    ]) {
      expect(() => parseEnvironmentConfig(withSubscription(protocol!, endpoint!)), `${protocol} ${endpoint}`).toThrow(/alarmNotifications\.subscriptions/);
    }
  });

  it("keeps the edge firewall's limit within what WAF accepts", () => {
    expect(() => parseEnvironmentConfig({ ...production, edgeFirewall: { uploadRequestsPerIpPer5Minutes: 5 } })).toThrow(/edgeFirewall/);
  });
});
