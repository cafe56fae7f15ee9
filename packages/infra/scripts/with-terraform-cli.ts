/**
 * Runs a command that runs Terraform (`cdktf deploy`, `cdktf diff`, `terraform ...`) with this
 * project's Terraform CLI configuration: the offline provider mirror where it exists, and no
 * phoning home. Usage: `pnpm cdktf deploy dev`.
 */
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { terraformEnv, writeTerraformCliConfig } from "@video-platform/terraform-cli";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error("usage: with-terraform-cli <command> [args...]");
  process.exit(2);
}
const cliConfig = writeTerraformCliConfig(join(packageDir, ".terraform-cli"));
const result = spawnSync(command, args, { cwd: packageDir, stdio: "inherit", env: terraformEnv(cliConfig) });
if (result.error) throw result.error;
process.exitCode = result.status ?? 1;
