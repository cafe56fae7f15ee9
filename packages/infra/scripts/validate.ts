/**
 * `pnpm validate`: for every synthesized stack, `terraform init -backend=false -lockfile=readonly` and
 * `terraform validate` with the real provider, then a plan that needs no AWS account and
 * reaches no network. Leaves `plan.tfplan` and `plan.json` in `cdktf.out/stacks/<stack>/`.
 */
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { offlineProviderOverride, providerAliases, withoutBackend } from "../tools/offline-plan.js";
import { terraformEnv, writeTerraformCliConfig } from "@video-platform/terraform-cli";
import { terraform } from "../tools/terraform-run.js";
import { LOCK_FILE_NAME, manifestStacks, type ManifestStack } from "../src/provider-locks.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(packageDir, "cdktf.out");
// Inside cdktf.out: rebuilt with every synth, ignored by git and lint.
const scratchRoot = join(outDir, ".validate");

async function validateStack(stack: ManifestStack, env: NodeJS.ProcessEnv): Promise<string> {
  const started = performance.now();
  const stackDir = join(outDir, stack.workingDirectory);
  const scratch = join(scratchRoot, stack.name);
  rmSync(scratch, { recursive: true, force: true });
  cpSync(stackDir, scratch, {
    recursive: true,
    filter: (source) => !/[\\/](\.terraform|plan\.tfplan|plan\.json)$/.test(source),
  });

  // The configuration exactly as synthesized, with the provider its committed lock file names.
  if (!existsSync(join(scratch, LOCK_FILE_NAME))) {
    throw new Error(`no ${LOCK_FILE_NAME} for ${stack.name}: run \`pnpm --filter @video-platform/infra run lock-providers\` and commit provider-locks/`);
  }
  // Inits take turns (tools/terraform-run.ts: the shared plugin cache); validate and plan run in parallel.
  await terraform(["init", "-backend=false", "-lockfile=readonly", "-input=false", "-no-color"], scratch, env);
  await terraform(["validate", "-no-color"], scratch, env);

  // Then the offline plan: no backend, fake keys, every endpoint unreachable.
  const stackFile = join(scratch, "cdk.tf.json");
  const stackJson = JSON.parse(readFileSync(stackFile, "utf8")) as Record<string, unknown>;
  writeFileSync(stackFile, JSON.stringify(withoutBackend(stackJson)));
  writeFileSync(join(scratch, "override.tf.json"), JSON.stringify(offlineProviderOverride(providerAliases(stackJson)), null, 2));
  await terraform(["plan", "-refresh=false", "-lock=false", "-input=false", "-no-color", "-out=plan.tfplan"], scratch, env);
  const planJson = await terraform(["show", "-json", "plan.tfplan"], scratch, env);
  writeFileSync(join(scratch, "plan.json"), planJson);

  copyFileSync(join(scratch, "plan.tfplan"), join(stackDir, "plan.tfplan"));
  copyFileSync(join(scratch, "plan.json"), join(stackDir, "plan.json"));
  const changes = (JSON.parse(planJson) as { resource_changes?: { change: { actions: string[] } }[] }).resource_changes ?? [];
  const creates = changes.filter((change) => change.change.actions.includes("create")).length;
  return `${stack.name}: valid; offline plan ${creates} to add (${((performance.now() - started) / 1000).toFixed(1)} s)`;
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T).then(
        (value) => ({ status: "fulfilled", value }) as const,
        (reason: unknown) => ({ status: "rejected", reason }) as const,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const started = performance.now();
const cliConfig = writeTerraformCliConfig(join(packageDir, ".terraform-cli"));
const env = terraformEnv(cliConfig, { ...process.env, AWS_EC2_METADATA_DISABLED: "true" });
const stacks = manifestStacks(outDir);
const results = await inParallel(stacks, Number(process.env.VALIDATE_CONCURRENCY ?? Math.min(2, availableParallelism())), (stack) => validateStack(stack, env));

let failed = 0;
for (const [index, result] of results.entries()) {
  if (result.status === "fulfilled") console.log(`ok   ${result.value}`);
  else {
    failed += 1;
    console.error(`FAIL ${stacks[index]?.name}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
  }
}
console.log(`${stacks.length - failed} passed, ${failed} failed (${((performance.now() - started) / 1000).toFixed(1)} s, TF_CLI_CONFIG_FILE=${cliConfig})`);
process.exitCode = failed === 0 ? 0 : 1;
