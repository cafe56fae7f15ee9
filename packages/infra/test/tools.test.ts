import { describe, expect, it } from "vitest";
import { offlineProviderOverride, PLANNED_SERVICES, providerAliases, UNREACHABLE_ENDPOINT, withoutBackend } from "../tools/offline-plan.js";

describe("offline plan", () => {
  it("gives the provider fake keys, skips every account lookup and points every endpoint at a closed loopback port", () => {
    const [aws] = (offlineProviderOverride().provider as { aws: Record<string, unknown>[] }).aws;
    expect(aws).toMatchObject({
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    });
    const endpoints = (aws!.endpoints as Record<string, string>[])[0]!;
    expect(Object.keys(endpoints).sort()).toEqual([...PLANNED_SERVICES].sort());
    expect(new Set(Object.values(endpoints))).toEqual(new Set([UNREACHABLE_ENDPOINT]));
    expect(new URL(UNREACHABLE_ENDPOINT).hostname).toBe("127.0.0.1");
  });

  it("takes every aliased configuration of the provider offline too (us-east-1 for CloudFront's WAF and logs)", () => {
    const stack = { provider: { aws: [{ region: "eu-west-1" }, { alias: "us_east_1", region: "us-east-1" }] } };
    expect(providerAliases(stack)).toEqual(["us_east_1"]);
    const configurations = (offlineProviderOverride(providerAliases(stack)).provider as { aws: Record<string, unknown>[] }).aws;
    expect(configurations.map((configuration) => configuration.alias)).toEqual([undefined, "us_east_1"]);
    for (const configuration of configurations) expect(configuration).toMatchObject({ access_key: "offline-plan", skip_credentials_validation: true });
  });

  it("drops only the backend", () => {
    const stack = { terraform: { backend: { s3: { bucket: "b" } }, required_providers: { aws: { version: "5.100.0" } } }, resource: {} };
    expect(withoutBackend(stack)).toEqual({ terraform: { required_providers: { aws: { version: "5.100.0" } } }, resource: {} });
    expect(stack.terraform.backend).toBeDefined();
  });
});
