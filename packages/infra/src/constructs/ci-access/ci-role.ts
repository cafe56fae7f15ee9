import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { policyDocument, type PolicyStatement } from "../policy-document.js";
import type { GithubOidcProvider, GithubRepository, GithubSubject } from "./github-oidc.js";

export interface CiRoleProps {
  readonly oidc: GithubOidcProvider;
  readonly repository: GithubRepository;
  /** The one kind of job that may assume the role. */
  readonly subject: GithubSubject;
  readonly name: string;
  readonly description: string;
  /** AWS managed policies, by name (`ReadOnlyAccess`). */
  readonly managedPolicies: readonly string[];
  /** Inline policies by name; an empty list adds none. */
  readonly inlinePolicies?: Readonly<Record<string, readonly PolicyStatement[]>>;
  /** Longest session, in seconds (IAM's default is one hour). */
  readonly maxSessionSeconds?: number;
}

/** A role one kind of GitHub Actions job assumes through OIDC, with what that job may do. */
export class CiRole extends Construct {
  readonly role: IamRole;
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: CiRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.name,
      description: props.description,
      assumeRolePolicy: props.oidc.trustPolicy(this, "trust", props.repository, props.subject).json,
      maxSessionDuration: props.maxSessionSeconds,
    });
    for (const policy of props.managedPolicies) {
      new IamRolePolicyAttachment(this, `managed-${policy}`, {
        role: this.role.name,
        policyArn: `arn:${props.oidc.partition}:iam::aws:policy/${policy}`,
      });
    }
    for (const [name, statements] of Object.entries(props.inlinePolicies ?? {})) {
      if (statements.length === 0) continue;
      new IamRolePolicy(this, `inline-${name}`, { name, role: this.role.id, policy: policyDocument(this, `${name}-document`, statements).json });
    }
    this.name = props.name;
    this.arn = this.role.arn;
  }
}
