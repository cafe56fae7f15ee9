import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { terraformCliConfig, terraformEnv, writeTerraformCliConfig } from "../src/index.js";

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
