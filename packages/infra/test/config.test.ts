import { DEFAULT_MAX_UPLOAD_BYTES } from "@video-platform/shared-types";
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
    expect(prod).toMatchObject({ deletionProtection: true, priceClass: "PriceClass_All", mediaLiveChannelClass: "STANDARD" });
  });

  it("fills in defaults", () => {
    expect(parseEnvironmentConfig(valid)).toMatchObject({
      allowedOrigins: [],
      maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
      logRetentionDays: 30,
      deletionProtection: false,
    });
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
    expect(() => parseEnvironmentConfig({ ...valid, logRetentionDays: 10 })).toThrow(/logRetentionDays/);
    expect(() => parseEnvironmentConfig({ ...valid, alarmEmail: "not-an-address" })).toThrow(/alarmEmail/);
  });

  it("refuses two environments that would share names", () => {
    expect(() => parseEnvironments([valid, { ...valid, name: "qa2" }])).toThrow(/namePrefix "video-platform-qa"/);
    expect(() => parseEnvironments([valid, { ...valid, namePrefix: "video-platform-qa2" }])).toThrow(/name "qa"/);
  });
});
