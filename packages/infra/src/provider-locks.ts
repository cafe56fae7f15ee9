import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Terraform's dependency lock file, which `terraform init` reads from the stack's directory. */
export const LOCK_FILE_NAME = ".terraform.lock.hcl";

/** Where a stack's committed lock file lives: `provider-locks/<stack>.terraform.lock.hcl`. */
export function committedLockFile(locksDir: string, stack: string): string {
  return join(locksDir, `${stack}${LOCK_FILE_NAME}`);
}

export interface ManifestStack {
  readonly name: string;
  readonly workingDirectory: string;
}

/** The stacks of a synthesized app, from `cdktf.out/manifest.json`, in the manifest's order. */
export function manifestStacks(outdir: string): ManifestStack[] {
  const manifestPath = join(outdir, "manifest.json");
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} not found: run \`pnpm synth\` first`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { stacks: Record<string, ManifestStack> };
  return Object.values(manifest.stacks);
}

/**
 * Puts each stack's committed lock file into its synthesized directory, where every `terraform
 * init` (run with `-lockfile=readonly`) verifies the provider against it. Returns the stacks that
 * have no committed lock file yet.
 */
export function copyProviderLocks(outdir: string, locksDir: string): string[] {
  const missing: string[] = [];
  for (const stack of manifestStacks(outdir)) {
    const committed = committedLockFile(locksDir, stack.name);
    if (existsSync(committed)) copyFileSync(committed, join(outdir, stack.workingDirectory, LOCK_FILE_NAME));
    else missing.push(stack.name);
  }
  return missing;
}
