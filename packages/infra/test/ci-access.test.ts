import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { afterAll, describe, expect, it } from "vitest";
import { buildPlatformApp } from "../src/app.js";
import { locateArtifacts } from "../src/artifacts.js";
import { CI_ACCESS, ciRoleName, deploySessionSeconds, InvalidCiAccessConfigError, parseCiAccessConfig } from "../src/ci-access-config.js";
import { deploymentMatrix, planMatrix } from "../src/ci-matrix.js";
import { ENVIRONMENTS, parseEnvironments } from "../src/config.js";
import { synthesizeApp } from "./support/synthesized-app.js";
import { onlyResource, resourcesOf, statementsOf, type Addressed, type Block, type TerraformJson } from "./support/terraform-json.js";

const config = parseCiAccessConfig(CI_ACCESS);
const repo = `repo:${config.repository.owner}/${config.repository.name}`;
const synthesized = synthesizeApp({ remoteState: { bucket: "acme-tfstate", keyPrefix: "video" } });
afterAll(() => synthesized.cleanup());
const ciAccess = synthesized.stacks["ci-access"]!;
const stackNames = Object.keys(synthesized.stacks);

const roles = resourcesOf(ciAccess, "aws_iam_role");
const roleNamed = (name: string): Addressed => {
  const role = roles.find((candidate) => candidate.config.name === name);
  if (role === undefined) throw new Error(`no role ${name}`);
  return role;
};
const trustOf = (role: Addressed): Block[] => statementsOf(ciAccess, role.config.assume_role_policy);
/** The inline policies of a role, statements by policy name. */
function inlineStatements(stack: TerraformJson, role: Addressed): Record<string, Block[]> {
  return Object.fromEntries(
    resourcesOf(stack, "aws_iam_role_policy")
      .filter((policy) => policy.config.role === `\${${role.address}.id}`)
      .map((policy) => [String(policy.config.name), statementsOf(stack, policy.config.policy)]),
  );
}
const managedPoliciesOf = (role: Addressed): string[] =>
  resourcesOf(ciAccess, "aws_iam_role_policy_attachment")
    .filter((attachment) => attachment.config.role === `\${${role.address}.name}`)
    .map((attachment) => String(attachment.config.policy_arn).replace(/^.*:policy\//, ""));

/** The subject each CI role must trust, and nothing else. */
const expectedSubjects: Record<string, string> = Object.fromEntries([
  ...stackNames.map((stack) => [ciRoleName(config, stack, "plan"), `${repo}:pull_request`]),
  ...stackNames.map((stack) => [ciRoleName(config, stack, "main-plan"), `${repo}:ref:refs/heads/${config.mainBranch}`]),
  ...config.deployments.map((d) => [ciRoleName(config, d.stack, "deploy"), `${repo}:environment:${d.githubEnvironment}`]),
]);

describe("the ci-access stack", () => {
  it("creates GitHub Actions' OIDC provider for STS", () => {
    expect(onlyResource(ciAccess, "aws_iam_openid_connect_provider").config).toMatchObject({
      url: "https://token.actions.githubusercontent.com",
      client_id_list: ["sts.amazonaws.com"],
    });
  });

  it("has exactly the plan roles of every stack and the deploy roles of every deployment", () => {
    expect(roles.map((role) => role.config.name).sort()).toEqual(Object.keys(expectedSubjects).sort());
    expect(config.deployments.map((d) => d.githubEnvironment)).toEqual(["dev", "production"]);
  });

  it.each(Object.entries(expectedSubjects))("%s trusts only %s, for sts.amazonaws.com, through the provider", (name, subject) => {
    const [statement, ...others] = trustOf(roleNamed(name));
    expect(others).toEqual([]);
    const provider = onlyResource(ciAccess, "aws_iam_openid_connect_provider");
    expect(statement).toMatchObject({
      effect: "Allow",
      actions: ["sts:AssumeRoleWithWebIdentity"],
      principals: [{ type: "Federated", identifiers: [`\${${provider.address}.arn}`] }],
    });
    // Exact matches only: a StringLike or a second value would let another job in.
    expect(statement!.condition).toEqual([
      { test: "StringEquals", variable: "token.actions.githubusercontent.com:aud", values: ["sts.amazonaws.com"] },
      { test: "StringEquals", variable: "token.actions.githubusercontent.com:sub", values: [subject] },
    ]);
  });

  it("gives no two kinds of job the same role: the prod deploy role is not reachable from dev or from a pull request", () => {
    const prodDeploy = trustOf(roleNamed(ciRoleName(config, "prod", "deploy")))[0]!;
    const subjects = (prodDeploy.condition as Block[]).flatMap((condition) => condition.values as string[]);
    expect(subjects).not.toContain(`${repo}:environment:dev`);
    expect(subjects).not.toContain(`${repo}:pull_request`);
    expect(subjects.some((value) => value.includes("*"))).toBe(false);
  });

  it("lets deploy sessions last the whole apply, and the workflow ask for exactly that", () => {
    for (const deployment of deploymentMatrix(stackNames, config, { accountId: "123456789012", partition: "aws" })) {
      const role = roleNamed(ciRoleName(config, deployment.stack, "deploy"));
      expect(role.config.max_session_duration).toBe(deploySessionSeconds(config));
      expect(deployment.sessionSeconds).toBe(role.config.max_session_duration);
      expect(deployment.sessionSeconds).toBeGreaterThan(config.applyTimeoutMinutes * 60);
    }
  });
});

describe("what each CI role may do", () => {
  it("plan roles read, and read exactly the secret values a refresh reads", () => {
    for (const stack of stackNames) {
      for (const kind of ["plan", "main-plan"] as const) {
        const role = roleNamed(ciRoleName(config, stack, kind));
        expect(managedPoliciesOf(role)).toEqual(["ReadOnlyAccess"]);
        const inline = Object.values(inlineStatements(ciAccess, role)).flat();
        expect(inline.flatMap((statement) => statement.actions as string[])).toEqual(stack === "prod" ? ["secretsmanager:GetSecretValue"] : []);
      }
    }
    const prodReads = inlineStatements(ciAccess, roleNamed(ciRoleName(config, "prod", "plan")))["refresh-reads"]!;
    expect(prodReads[0]?.resources).toEqual([expect.stringMatching(/:secretsmanager:eu-west-1:.*:secret:video-platform-prod-live-cdn-identifier-\?{6}$/)]);
  });

  it("the secret a plan may read is the one whose value the prod stack manages", () => {
    const versions = resourcesOf(synthesized.stacks.prod!, "aws_secretsmanager_secret_version");
    const secrets = resourcesOf(synthesized.stacks.prod!, "aws_secretsmanager_secret");
    const managed = versions.map((version) => secrets.find((secret) => String(version.config.secret_id).startsWith(`\${${secret.address}.`))!.config.name);
    expect(managed).toEqual(["video-platform-prod-live-cdn-identifier"]);
  });

  it("deploy roles manage only their own environment's roles and write only their own state", () => {
    const environments = parseEnvironments(ENVIRONMENTS);
    for (const deployment of config.deployments) {
      const environment = environments.find((e) => e.name === deployment.stack)!;
      const role = roleNamed(ciRoleName(config, deployment.stack, "deploy"));
      expect(managedPoliciesOf(role)).toEqual(["PowerUserAccess"]);
      const { "environment-grants": grants, "guard-rails": guards } = inlineStatements(ciAccess, role);
      const bySid = (statements: Block[] | undefined, sid: string) => statements?.find((statement) => statement.sid === sid);
      expect(bySid(grants, "ManageThisEnvironmentsRoles")?.resources).toEqual([expect.stringMatching(new RegExp(`:role/${environment.namePrefix}-\\*$`))]);
      expect(bySid(grants, "ReadWriteOwnState")?.resources).toEqual([expect.stringMatching(new RegExp(`:s3:::acme-tfstate/video/${deployment.stack}\\.tfstate$`))]);
      const othersState = bySid(guards, "KeepOffOtherStacksState");
      expect(othersState).toMatchObject({ effect: "Deny", actions: ["s3:PutObject", "s3:DeleteObject"] });
      for (const other of stackNames.filter((stack) => stack !== deployment.stack)) {
        expect(othersState?.resources).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`/video/${other}\\.tfstate$`))]));
      }
      expect(othersState?.resources).not.toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`/video/${deployment.stack}\\.tfstate`))]));
      expect(bySid(guards, "KeepOffOtherEnvironments")).toMatchObject({
        effect: "Deny",
        condition: expect.arrayContaining([{ test: "StringNotEquals", variable: "aws:ResourceTag/Environment", values: [environment.name] }]),
      });
    }
  });

  it("every role an environment stack creates is named so that its own deploy role may manage it", () => {
    for (const environment of parseEnvironments(ENVIRONMENTS)) {
      const names = resourcesOf(synthesized.stacks[environment.name]!, "aws_iam_role").map((role) => String(role.config.name));
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(name.startsWith(`${environment.namePrefix}-`), name).toBe(true);
    }
  });

  it("no CI role falls under an environment's own role names, so no deployment can rewrite CI access", () => {
    for (const environment of parseEnvironments(ENVIRONMENTS)) {
      for (const role of roles) expect(String(role.config.name).startsWith(`${environment.namePrefix}-`), String(role.config.name)).toBe(false);
    }
  });
});

describe("the workflows' matrices", () => {
  const account = { accountId: "123456789012", partition: "aws" };

  it("plan every synthesized stack with roles that exist in ci-access", () => {
    for (const kind of ["plan", "main-plan"] as const) {
      const matrix = planMatrix(stackNames, config, account, kind);
      expect(matrix.map((entry) => entry.stack)).toEqual(stackNames);
      for (const entry of matrix) roleNamed(entry.roleArn.replace(/^arn:aws:iam::123456789012:role\//, ""));
    }
  });

  it("deploy in the configured order, from each deployment's own environment", () => {
    expect(deploymentMatrix(stackNames, config, account).map((d) => [d.stack, d.githubEnvironment])).toEqual([
      ["dev", "dev"],
      ["prod", "production"],
    ]);
  });
});

describe("CI access configuration", () => {
  it("refuses two deployments from one GitHub environment, and a bad repository", () => {
    expect(() =>
      parseCiAccessConfig({ ...CI_ACCESS, deployments: [{ stack: "dev", githubEnvironment: "shared" }, { stack: "prod", githubEnvironment: "shared" }] }),
    ).toThrow(/GitHub environment twice/);
    expect(() => parseCiAccessConfig({ ...CI_ACCESS, repository: { owner: "-bad", name: "x" } })).toThrow(InvalidCiAccessConfigError);
    expect(() => parseCiAccessConfig({ ...CI_ACCESS, applyTimeoutMinutes: 24 * 60 })).toThrow(/applyTimeoutMinutes/);
  });

  it("refuses a deploy role for a stack that is not an environment", () => {
    const outdir = mkdtempSync(join(tmpdir(), "ci-access-"));
    try {
      const ciAccess = parseCiAccessConfig({ ...CI_ACCESS, deployments: [{ stack: "state-bootstrap", githubEnvironment: "bootstrap" }] });
      const build = () => buildPlatformApp(new App({ outdir }), { environments: parseEnvironments(ENVIRONMENTS), artifacts: locateArtifacts(), ciAccess });
      expect(build).toThrow(/deployment of "state-bootstrap" names no environment stack/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
