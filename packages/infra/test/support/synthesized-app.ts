import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { buildPlatformApp, type PlatformApp } from "../../src/app.js";
import { locateArtifacts } from "../../src/artifacts.js";
import { CI_ACCESS, parseCiAccessConfig } from "../../src/ci-access-config.js";
import { ENVIRONMENTS, parseEnvironments } from "../../src/config.js";
import type { RemoteStateSettings } from "../../src/remote-state.js";
import { parseStack, type TerraformJson } from "./terraform-json.js";

export interface SynthesizedApp {
  readonly app: PlatformApp;
  /** Every stack's `cdk.tf.json`, by stack name. */
  readonly stacks: Readonly<Record<string, TerraformJson>>;
  readonly outdir: string;
  cleanup(): void;
}

/** Synthesizes the real app (every environment, the real handler bundles) into a temporary directory. */
export function synthesizeApp(options: { remoteState?: RemoteStateSettings; stateBootstrapLocal?: boolean } = {}): SynthesizedApp {
  const outdir = mkdtempSync(join(tmpdir(), "infra-synth-"));
  const app = new App({ outdir, stackTraces: false });
  const platform = buildPlatformApp(app, {
    environments: parseEnvironments(ENVIRONMENTS),
    artifacts: locateArtifacts(),
    ciAccess: parseCiAccessConfig(CI_ACCESS),
    remoteState: options.remoteState,
    stateBootstrapLocal: options.stateBootstrapLocal,
  });
  app.synth();
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const stacks = Object.fromEntries(
    Object.entries(manifest.stacks).map(([name, stack]) => [name, parseStack(readFileSync(join(outdir, stack.synthesizedStackPath), "utf8"))]),
  );
  return { app: platform, stacks, outdir, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}
