import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { Construct } from "constructs";

/** One IAM statement, in the shape `aws_iam_policy_document` takes. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect?: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly principals?: readonly { readonly type: "AWS" | "Service" | "Federated" | "*"; readonly identifiers: readonly string[] }[];
  readonly conditions?: readonly { readonly test: string; readonly variable: string; readonly values: readonly string[] }[];
}

export class WildcardActionError extends Error {
  override readonly name = "WildcardActionError";
}

/** `*` or `service:*`: the grants least privilege rules out. */
export function isWildcardAction(action: string): boolean {
  return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

/**
 * An `aws_iam_policy_document` (rendered locally by Terraform, no AWS call). Allow statements
 * with wildcard actions are refused here, at synth, rather than found later in review.
 */
export function policyDocument(scope: Construct, id: string, statements: readonly PolicyStatement[]): DataAwsIamPolicyDocument {
  for (const statement of statements) {
    const wildcard = statement.actions.find(isWildcardAction);
    if ((statement.effect ?? "Allow") === "Allow" && wildcard !== undefined) {
      throw new WildcardActionError(`${scope.node.path}/${id}: Allow statement with wildcard action "${wildcard}"`);
    }
  }
  return new DataAwsIamPolicyDocument(scope, id, {
    statement: statements.map((statement) => ({
      sid: statement.sid,
      effect: statement.effect ?? "Allow",
      actions: [...statement.actions],
      // Trust policies name no resource; Terraform omits an absent list.
      resources: statement.resources.length > 0 ? [...statement.resources] : undefined,
      principals: statement.principals?.map((principal) => ({
        type: principal.type,
        identifiers: [...principal.identifiers],
      })),
      condition: statement.conditions?.map((condition) => ({
        test: condition.test,
        variable: condition.variable,
        values: [...condition.values],
      })),
    })),
  });
}

/**
 * A trust policy letting one AWS service assume a role, only on behalf of `sourceAccount` (a
 * Terraform expression read from an ARN the stack already has). Without `aws:SourceAccount`,
 * another account's resource could make the same service act with this role: the confused
 * deputy. `aws:SourceArn` is not set here: the resources that call (a MediaLive channel, a
 * MediaConvert job, a MediaPackage endpoint) get their ARNs from AWS after the role must exist,
 * and Lambda documents no source ARN for assuming an execution role.
 */
export function serviceTrustPolicy(scope: Construct, id: string, service: string, sourceAccount: string): DataAwsIamPolicyDocument {
  return policyDocument(scope, id, [
    {
      actions: ["sts:AssumeRole"],
      resources: [],
      principals: [{ type: "Service", identifiers: [service] }],
      conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [sourceAccount] }],
    },
  ]);
}
