import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { ciRoleName, deploySessionSeconds, type CiAccessConfig } from "../ci-access-config.js";
import { deployGrantStatements, deployGuardStatements, refreshReadStatements, type CiStackTarget } from "../constructs/ci-access/ci-permissions.js";
import { CiRole } from "../constructs/ci-access/ci-role.js";
import { GithubOidcProvider } from "../constructs/ci-access/github-oidc.js";
import type { RemoteStateSettings } from "../remote-state.js";
import { configureStack } from "../terraform-settings.js";

export interface CiAccessStackProps {
  readonly config: CiAccessConfig;
  readonly region: string;
  /** Every stack of the app, this one included: each gets its plan roles. */
  readonly targets: readonly CiStackTarget[];
  readonly remoteState?: RemoteStateSettings;
}

export class CiAccessConfigError extends Error {
  override readonly name = "CiAccessConfigError";
}

/**
 * Who may plan and deploy from GitHub Actions, deployed once by an administrator: GitHub's OIDC
 * provider; per stack a `plan` role for pull requests and a `main-plan` role for the main branch
 * (read-only, plus the secret values a refresh reads); per deployment a `deploy` role that only
 * its GitHub environment's jobs can assume, with sessions as long as the apply may run.
 */
export class CiAccessStack extends TerraformStack {
  readonly oidc: GithubOidcProvider;
  readonly planRoles: Readonly<Record<string, CiRole>>;
  readonly mainPlanRoles: Readonly<Record<string, CiRole>>;
  readonly deployRoles: Readonly<Record<string, CiRole>>;

  constructor(scope: Construct, id: string, props: CiAccessStackProps) {
    super(scope, id);
    const { config } = props;
    configureStack(this, id, { region: props.region, remoteState: props.remoteState });
    this.oidc = new GithubOidcProvider(this, "GithubActions");
    const repository = config.repository;
    const account = { accountId: this.oidc.accountId, partition: this.oidc.partition };

    const readOnly = (target: CiStackTarget, kind: "plan" | "main-plan") =>
      new CiRole(this, `${target.stack}-${kind}`, {
        oidc: this.oidc,
        repository,
        subject: kind === "plan" ? { kind: "pull_request" } : { kind: "branch", branch: config.mainBranch },
        name: ciRoleName(config, target.stack, kind),
        description: `${kind === "plan" ? "Pull-request plans" : `Deployment plans and drift checks from ${config.mainBranch}`} of ${target.stack}: read only.`,
        managedPolicies: ["ReadOnlyAccess"],
        inlinePolicies: { "refresh-reads": refreshReadStatements(target, account) },
      });
    this.planRoles = Object.fromEntries(props.targets.map((target) => [target.stack, readOnly(target, "plan")]));
    this.mainPlanRoles = Object.fromEntries(props.targets.map((target) => [target.stack, readOnly(target, "main-plan")]));

    const allStacks = props.targets.map((target) => target.stack);
    this.deployRoles = Object.fromEntries(
      config.deployments.map((deployment) => {
        const target = props.targets.find((candidate) => candidate.stack === deployment.stack);
        if (target?.environment === undefined) {
          throw new CiAccessConfigError(`ci-access: deployment of "${deployment.stack}" names no environment stack of this app`);
        }
        const input = { target: { ...target, environment: target.environment }, account, allStacks, remoteState: props.remoteState };
        const role = new CiRole(this, `${target.stack}-deploy`, {
          oidc: this.oidc,
          repository,
          subject: { kind: "environment", environment: deployment.githubEnvironment },
          name: ciRoleName(config, target.stack, "deploy"),
          description: `Applies ${target.stack} from the GitHub environment ${deployment.githubEnvironment}.`,
          managedPolicies: ["PowerUserAccess"],
          inlinePolicies: { "environment-grants": deployGrantStatements(input), "guard-rails": deployGuardStatements(input) },
          maxSessionSeconds: deploySessionSeconds(config),
        });
        return [target.stack, role];
      }),
    );

    const output = (name: string, value: string, description: string) => {
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    };
    output("aws_account_id", this.oidc.accountId, "Set the repository variable AWS_ACCOUNT_ID to this");
    output("github_oidc_provider_arn", this.oidc.arn, "GitHub Actions' identity provider in this account");
  }
}
