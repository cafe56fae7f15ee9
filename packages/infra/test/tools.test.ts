import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { offlineProviderOverride, PLANNED_SERVICES, UNREACHABLE_ENDPOINT, withoutBackend } from "../tools/offline-plan.js";
import { terraformCliConfig, terraformEnv, writeTerraformCliConfig } from "../tools/terraform-cli-config.js";

describe("Terraform CLI configuration", () => {
  it("installs from the mirror alone when there is one", () => {
    const config = terraformCliConfig({ mirrorDir: "/opt/tf-plugins", pluginCacheDir: "/cache" });
    expect(config).toContain('filesystem_mirror {\n    path    = "/opt/tf-plugins"');
    expect(config).not.toContain("direct");
    expect(config).toContain('plugin_cache_dir   = "/cache"');
    expect(config).toContain("disable_checkpoint = true");
  });

  it("falls back to the registry without a mirror", () => {
    const config = terraformCliConfig({ pluginCacheDir: "/cache" });
    expect(config).toContain("direct {}");
    expect(config).not.toContain("filesystem_mirror");
  });

  it("is written where the scripts point TF_CLI_CONFIG_FILE, choosing by whether the mirror exists", () => {
    const dir = mkdtempSync(join(tmpdir(), "tf-cli-"));
    try {
      const path = writeTerraformCliConfig(dir, join(dir, "no-such-mirror"));
      expect(readFileSync(path, "utf8")).toContain("direct {}");
      expect(terraformEnv(path, { TF_CLI_CONFIG_FILE: "/nonexistent" })).toMatchObject({
        TF_CLI_CONFIG_FILE: path,
        CHECKPOINT_DISABLE: "1",
        TF_INPUT: "0",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("offline plan", () => {
  it("gives the provider fake keys, skips every account lookup and points every endpoint at a closed loopback port", () => {
    const aws = (offlineProviderOverride().provider as { aws: Record<string, unknown> }).aws;
    expect(aws).toMatchObject({
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    });
    const endpoints = (aws.endpoints as Record<string, string>[])[0]!;
    expect(Object.keys(endpoints).sort()).toEqual([...PLANNED_SERVICES].sort());
    expect(new Set(Object.values(endpoints))).toEqual(new Set([UNREACHABLE_ENDPOINT]));
    expect(new URL(UNREACHABLE_ENDPOINT).hostname).toBe("127.0.0.1");
  });

  it("drops only the backend", () => {
    const stack = { terraform: { backend: { s3: { bucket: "b" } }, required_providers: { aws: { version: "5.100.0" } } }, resource: {} };
    expect(withoutBackend(stack)).toEqual({ terraform: { required_providers: { aws: { version: "5.100.0" } } }, resource: {} });
    expect(stack.terraform.backend).toBeDefined();
  });
});
