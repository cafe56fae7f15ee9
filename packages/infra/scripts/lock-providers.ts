/**
 * `pnpm --filter @video-platform/infra run lock-providers [--platform OS_ARCH ...] [--registry]`:
 * writes each synthesized stack's provider hashes into `provider-locks/<stack>.terraform.lock.hcl`
 * (run `pnpm synth` first), adding to the hashes already committed there.
 *
 * With the filesystem mirror (/opt/tf-plugins) the hashes are `h1:` hashes of the unpacked
 * packages it holds; `--registry` asks the public registry instead, which also records the `zh:`
 * hashes of the release zips of every platform asked for.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PROVIDER_MIRROR_DIR, terraformEnv, writeTerraformCliConfig } from "@video-platform/terraform-cli";
import { committedLockFile, LOCK_FILE_NAME, manifestStacks } from "../src/provider-locks.js";
import { withoutBackend } from "../tools/offline-plan.js";
import { terraform } from "../tools/terraform-run.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(packageDir, "cdktf.out");
const locksDir = join(packageDir, "provider-locks");

const { values } = parseArgs({
  options: { platform: { type: "string", multiple: true }, registry: { type: "boolean" } },
});
const platforms = values.platform ?? ["linux_amd64"];
const useMirror = !values.registry && existsSync(PROVIDER_MIRROR_DIR);
const env = terraformEnv(writeTerraformCliConfig(join(packageDir, ".terraform-cli")));
mkdirSync(locksDir, { recursive: true });

for (const stack of manifestStacks(outDir)) {
  const scratch = join(outDir, ".lock-providers", stack.name);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const stackJson = JSON.parse(readFileSync(join(outDir, stack.workingDirectory, "cdk.tf.json"), "utf8")) as Record<string, unknown>;
  writeFileSync(join(scratch, "cdk.tf.json"), JSON.stringify(withoutBackend(stackJson)));
  const committed = committedLockFile(locksDir, stack.name);
  if (existsSync(committed)) copyFileSync(committed, join(scratch, LOCK_FILE_NAME));
  const source = useMirror ? [`-fs-mirror=${PROVIDER_MIRROR_DIR}`] : [];
  await terraform(["providers", "lock", "-no-color", ...source, ...platforms.map((platform) => `-platform=${platform}`)], scratch, env);
  copyFileSync(join(scratch, LOCK_FILE_NAME), committed);
  console.log(`${stack.name}: ${platforms.join(", ")} from ${useMirror ? PROVIDER_MIRROR_DIR : "the registry"} → provider-locks/${stack.name}${LOCK_FILE_NAME}`);
}
