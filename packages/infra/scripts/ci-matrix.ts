/**
 * `pnpm --silent --filter @video-platform/infra run ci-matrix plans|main-plans|deployments` prints
 * the job matrix of the plan, drift and deploy workflows as JSON: every stack of the synthesized
 * manifest (`cdktf.out/manifest.json`) with the ARN of the CI role that may plan it, or each
 * deployment with its GitHub environment, roles and session length. Reads `AWS_ACCOUNT_ID`.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CI_ACCESS, parseCiAccessConfig } from "../src/ci-access-config.js";
import { awsAccountFromEnv, CiMatrixError, deploymentMatrix, planMatrix } from "../src/ci-matrix.js";
import { manifestStacks } from "../src/provider-locks.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const kind = process.argv[2];

try {
  const config = parseCiAccessConfig(CI_ACCESS);
  const account = awsAccountFromEnv(process.env);
  const stacks = manifestStacks(join(packageDir, "cdktf.out")).map((stack) => stack.name);
  const matrices = {
    plans: () => planMatrix(stacks, config, account, "plan"),
    "main-plans": () => planMatrix(stacks, config, account, "main-plan"),
    deployments: () => deploymentMatrix(stacks, config, account),
  } as const;
  if (kind === undefined || !(kind in matrices)) throw new CiMatrixError(`usage: ci-matrix ${Object.keys(matrices).join("|")}`);
  console.log(JSON.stringify(matrices[kind as keyof typeof matrices]()));
} catch (error) {
  if (!(error instanceof CiMatrixError)) throw error;
  console.error(`ci-matrix: ${error.message}`);
  process.exitCode = 2;
}
