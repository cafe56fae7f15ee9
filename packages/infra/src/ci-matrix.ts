import { ciRoleName, deploySessionSeconds, type CiAccessConfig } from "./ci-access-config.js";

/** What a workflow's job matrix needs to plan or deploy one stack: names and role ARNs, no secrets. */
export interface StackPlanEntry {
  readonly stack: string;
  readonly roleArn: string;
}

export interface DeploymentEntry {
  readonly stack: string;
  readonly githubEnvironment: string;
  /** Read-only role for the plan a deployment makes from the main branch. */
  readonly planRoleArn: string;
  readonly deployRoleArn: string;
  /** The session the deploy job asks for: the deploy role's maximum. */
  readonly sessionSeconds: number;
  readonly applyTimeoutMinutes: number;
}

export interface AwsAccount {
  readonly accountId: string;
  readonly partition: string;
}

export class CiMatrixError extends Error {
  override readonly name = "CiMatrixError";
}

/** The account the roles live in, from the workflow's environment (`AWS_ACCOUNT_ID`, `AWS_PARTITION`). */
export function awsAccountFromEnv(env: Record<string, string | undefined>): AwsAccount {
  const accountId = env.AWS_ACCOUNT_ID?.trim() ?? "";
  if (!/^\d{12}$/.test(accountId)) {
    throw new CiMatrixError("set the repository variable AWS_ACCOUNT_ID to the 12-digit account that ci-access was deployed to");
  }
  return { accountId, partition: env.AWS_PARTITION?.trim() || "aws" };
}

function roleArn(account: AwsAccount, name: string): string {
  return `arn:${account.partition}:iam::${account.accountId}:role/${name}`;
}

/**
 * Pull-request plans (`plan` roles) or main-branch plans and drift checks (`main-plan` roles) of
 * every stack the app synthesized, in the manifest's order.
 */
export function planMatrix(stacks: readonly string[], config: CiAccessConfig, account: AwsAccount, kind: "plan" | "main-plan"): StackPlanEntry[] {
  return stacks.map((stack) => ({ stack, roleArn: roleArn(account, ciRoleName(config, stack, kind)) }));
}

/** The deployments, in the order the config lists them (which is the order they run in). */
export function deploymentMatrix(stacks: readonly string[], config: CiAccessConfig, account: AwsAccount): DeploymentEntry[] {
  return config.deployments.map((deployment) => {
    if (!stacks.includes(deployment.stack)) throw new CiMatrixError(`ci-access deploys "${deployment.stack}", which the app did not synthesize`);
    return {
      stack: deployment.stack,
      githubEnvironment: deployment.githubEnvironment,
      planRoleArn: roleArn(account, ciRoleName(config, deployment.stack, "main-plan")),
      deployRoleArn: roleArn(account, ciRoleName(config, deployment.stack, "deploy")),
      sessionSeconds: deploySessionSeconds(config),
      applyTimeoutMinutes: config.applyTimeoutMinutes,
    };
  });
}
