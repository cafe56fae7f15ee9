import { z } from "zod";
import { describeIssues } from "./zod-issues.js";

/** GitHub's rules for owner and repository names. */
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;
const GITHUB_REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;
/** GitHub environment names that stay plain inside an OIDC subject (`...:environment:<name>`). */
const GITHUB_ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;

/** IAM allows sessions of at most 12 hours. */
const MAX_SESSION_MINUTES = 12 * 60;

/** Deploy sessions outlast the apply by this much: downloading the plan and `terraform init`. */
export const DEPLOY_SESSION_MARGIN_MINUTES = 15;

export const CiDeployment = z.object({
  /** The stack this deployment applies (a name in `cdktf.out/manifest.json`). */
  stack: z.string().regex(/^[a-z][a-z0-9-]*$/, "must be a stack name"),
  /** The GitHub environment its apply job runs in: the only OIDC subject its deploy role trusts. */
  githubEnvironment: z.string().regex(GITHUB_ENVIRONMENT, "must be a GitHub environment name"),
});
export type CiDeployment = z.infer<typeof CiDeployment>;

export const CiAccessConfig = z
  .object({
    repository: z.object({
      owner: z.string().regex(GITHUB_OWNER, "must be a GitHub user or organisation name"),
      name: z.string().regex(GITHUB_REPOSITORY, "must be a GitHub repository name"),
    }),
    /**
     * The longest a deploy job's `terraform apply` may run. The deploy roles' maximum session
     * covers it (plus the plan fetch and init before it), and the workflow asks for that session.
     */
    applyTimeoutMinutes: z.number().int().min(15).max(MAX_SESSION_MINUTES - DEPLOY_SESSION_MARGIN_MINUTES),
    /** The branch that deploys: its workflow runs plan deployments and check drift. */
    mainBranch: z.string().regex(/^[A-Za-z0-9._/-]{1,200}$/, "must be a branch name").default("main"),
    /** Prefix of every CI role name: `<prefix>-<stack>-plan`, `-main-plan`, `-deploy`. */
    roleNamePrefix: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{1,30}$/, "must be 2-31 letters, digits or dashes"),
    /** The stacks CI applies, each from its own GitHub environment. */
    deployments: z.array(CiDeployment).min(1),
  })
  .refine((config) => new Set(config.deployments.map((d) => d.stack)).size === config.deployments.length, {
    path: ["deployments"],
    message: "names a stack twice",
  })
  .refine((config) => new Set(config.deployments.map((d) => d.githubEnvironment)).size === config.deployments.length, {
    path: ["deployments"],
    message: "names a GitHub environment twice: each deploy role must trust its own",
  });
export type CiAccessConfig = z.infer<typeof CiAccessConfig>;

/**
 * Who may plan and deploy this repository's stacks from GitHub Actions. Set `repository` to your
 * fork before deploying `ci-access`: its roles trust only that repository's workflow runs.
 */
export const CI_ACCESS: z.input<typeof CiAccessConfig> = {
  repository: { owner: "example-org", name: "video-platform" },
  applyTimeoutMinutes: 90,
  roleNamePrefix: "video-platform-ci",
  deployments: [
    { stack: "dev", githubEnvironment: "dev" },
    { stack: "prod", githubEnvironment: "production" },
  ],
};

/**
 * What each CI role is for: `plan` for pull-request plans, `main-plan` for the plans a deployment
 * and the drift check make from the main branch, `deploy` for the apply in a GitHub environment.
 */
export type CiRoleKind = "plan" | "main-plan" | "deploy";

export function ciRoleName(config: Pick<CiAccessConfig, "roleNamePrefix">, stack: string, kind: CiRoleKind): string {
  return `${config.roleNamePrefix}-${stack}-${kind}`;
}

/** The deploy roles' maximum session and the duration the deploy workflow asks for, in seconds. */
export function deploySessionSeconds(config: CiAccessConfig): number {
  return (config.applyTimeoutMinutes + DEPLOY_SESSION_MARGIN_MINUTES) * 60;
}

export class InvalidCiAccessConfigError extends Error {
  override readonly name = "InvalidCiAccessConfigError";
}

/** Parses the CI access configuration, naming every bad field at once. */
export function parseCiAccessConfig(input: unknown): CiAccessConfig {
  const result = CiAccessConfig.safeParse(input);
  if (!result.success) {
    throw new InvalidCiAccessConfigError(`ci-access: ${describeIssues(result.error)}`);
  }
  return result.data;
}
