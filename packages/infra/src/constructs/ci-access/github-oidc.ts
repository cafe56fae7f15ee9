import type { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { Construct } from "constructs";
import { accountOf, partitionOf } from "../arn.js";
import { policyDocument } from "../policy-document.js";

/** GitHub Actions' token issuer, and the claim prefix IAM conditions read its tokens by. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience aws-actions/configure-aws-credentials asks GitHub to put in the token. */
export const STS_AUDIENCE = "sts.amazonaws.com";

/** A repository, as GitHub writes it in a token's `sub` claim. */
export interface GithubRepository {
  readonly owner: string;
  readonly name: string;
}

/** The `sub` claim of a job's token: what the job is, in GitHub's default subject format. */
export type GithubSubject =
  | { readonly kind: "pull_request" }
  | { readonly kind: "branch"; readonly branch: string }
  | { readonly kind: "environment"; readonly environment: string };

export function githubSubject(repository: GithubRepository, subject: GithubSubject): string {
  const repo = `repo:${repository.owner}/${repository.name}`;
  switch (subject.kind) {
    case "pull_request":
      return `${repo}:pull_request`;
    case "branch":
      return `${repo}:ref:refs/heads/${subject.branch}`;
    case "environment":
      return `${repo}:environment:${subject.environment}`;
  }
}

/**
 * The account's OpenID Connect provider for GitHub Actions, so that workflows get short-lived
 * credentials by role instead of stored keys. IAM trusts GitHub's certificate authority for this
 * issuer, so no thumbprint is pinned.
 */
export class GithubOidcProvider extends Construct {
  readonly provider: IamOpenidConnectProvider;
  readonly arn: string;
  /** The account and partition, read from the provider's ARN (no AWS call at plan time). */
  readonly accountId: string;
  readonly partition: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.provider = new IamOpenidConnectProvider(this, "provider", {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [STS_AUDIENCE],
    });
    this.arn = this.provider.arn;
    this.accountId = accountOf(this.arn);
    this.partition = partitionOf(this.arn);
  }

  /**
   * A trust policy letting exactly one kind of job assume a role: tokens from this provider,
   * for STS, whose subject is exactly `subject` (no wildcard, so no other branch, environment or
   * repository matches).
   */
  trustPolicy(scope: Construct, id: string, repository: GithubRepository, subject: GithubSubject): DataAwsIamPolicyDocument {
    return policyDocument(scope, id, [
      {
        sid: "GithubActionsJob",
        actions: ["sts:AssumeRoleWithWebIdentity"],
        resources: [],
        principals: [{ type: "Federated", identifiers: [this.arn] }],
        conditions: [
          { test: "StringEquals", variable: `${GITHUB_OIDC_HOST}:aud`, values: [STS_AUDIENCE] },
          { test: "StringEquals", variable: `${GITHUB_OIDC_HOST}:sub`, values: [githubSubject(repository, subject)] },
        ],
      },
    ]);
  }
}
