/**
 * Applies a synthesized stack to a running moto_server: a copy of the stack's directory in a
 * temporary directory, the generated override and stand-ins beside its `cdk.tf.json`, local state,
 * then `terraform init` and `apply`. Nothing is written into `cdktf.out/`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { terraformEnv, writeTerraformCliConfig } from "@video-platform/terraform-cli";
import { manifestStacks } from "../../../src/provider-locks.js";
import { MOTO_OVERRIDE_FILE, MOTO_STAND_INS_FILE, motoOverride, type MotoOverride, type TerraformConfig } from "../../../tools/moto-override.js";
import { PLANNED_SERVICES } from "../../../tools/offline-plan.js";
import { terraform } from "../../../tools/terraform-run.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const outDir = join(packageDir, "cdktf.out");

/** One resource as `terraform show -json` reports it after the apply. */
export interface AppliedResource {
  readonly address: string;
  readonly type: string;
  readonly values: Record<string, unknown>;
}

export interface AppliedStack {
  /** The stack's `cdk.tf.json`, as synthesized. */
  readonly synthesized: TerraformConfig;
  /** What the override left out and redirected. */
  readonly override: MotoOverride;
  /** The region of the stack's default provider: where its resources are in moto. */
  readonly region: string;
  /** How long `terraform apply` took, in seconds. */
  readonly applySeconds: number;
  resources(type: string): AppliedResource[];
  /** The one resource of `type` that `matches`; fails naming `what` otherwise. */
  only(type: string, what: string, matches: (values: Record<string, unknown>) => boolean): AppliedResource;
  cleanup(): void;
}

/** The directory `pnpm synth` wrote `stackName` to. */
export function synthesizedStackDir(stackName: string): string {
  const stack = manifestStacks(outDir).find((candidate) => candidate.name === stackName);
  if (!stack) throw new Error(`no stack ${stackName} in ${join(outDir, "manifest.json")}`);
  return join(outDir, stack.workingDirectory);
}

/**
 * Applies the stack in `stackDir` to moto at `endpoint`. Twenty at a time: most of the apply is
 * the provider's own propagation waits (about 25 s per SQS queue, 55 s per S3 lifecycle
 * configuration), which do not load the machine; at ten, the queues hold the slots the
 * lifecycle configurations wait for.
 */
export async function applyToMoto(stackDir: string, endpoint: string): Promise<AppliedStack> {
  const workDir = mkdtempSync(join(tmpdir(), "infra-on-moto-"));
  const cleanup = () => rmSync(workDir, { recursive: true, force: true });
  try {
    cpSync(stackDir, workDir, {
      recursive: true,
      filter: (source) => !/[\\/](\.terraform|\.terraform\.lock\.hcl|plan\.tfplan|plan\.json)$/.test(source),
    });
    const synthesized = JSON.parse(readFileSync(join(workDir, "cdk.tf.json"), "utf8")) as TerraformConfig;
    const override = motoOverride(synthesized, { endpoint, services: PLANNED_SERVICES, statePath: "moto.tfstate" });
    writeFileSync(join(workDir, MOTO_OVERRIDE_FILE), JSON.stringify(override.override, null, 2));
    writeFileSync(join(workDir, MOTO_STAND_INS_FILE), JSON.stringify(override.standIns, null, 2));

    const cliConfig = writeTerraformCliConfig(join(packageDir, ".terraform-cli"));
    const base: NodeJS.ProcessEnv = { ...process.env, AWS_EC2_METADATA_DISABLED: "true" };
    delete base.AWS_PROFILE;
    // A service missing from the override's endpoint list still reaches moto, never AWS.
    const env = terraformEnv(cliConfig, { ...base, AWS_ENDPOINT_URL: endpoint });
    await terraform(["init", "-input=false", "-no-color"], workDir, env);
    const started = performance.now();
    await terraform(["apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=20"], workDir, env);
    const applySeconds = (performance.now() - started) / 1000;

    const shown = JSON.parse(await terraform(["show", "-json"], workDir, env)) as {
      values?: { root_module?: { resources?: (AppliedResource & { mode: string })[] } };
    };
    const applied = (shown.values?.root_module?.resources ?? []).filter((resource) => resource.mode === "managed");
    const resources = (type: string) => applied.filter((resource) => resource.type === type);
    const region = String(synthesized.provider?.aws?.find((provider) => provider.alias === undefined)?.region ?? "us-east-1");
    return {
      synthesized,
      override,
      region,
      applySeconds,
      resources,
      only(type, what, matches) {
        const found = resources(type).filter((resource) => matches(resource.values));
        if (found.length !== 1) throw new Error(`expected one ${type} (${what}), found ${found.length}`);
        return found[0] as AppliedResource;
      },
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}
