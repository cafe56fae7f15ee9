import { stateLockKey, stateObjectKey, type RemoteStateSettings } from "../../remote-state.js";
import type { PolicyStatement } from "../policy-document.js";

/** One stack as CI sees it: what it is called, where it runs, and what a plan of it reads. */
export interface CiStackTarget {
  readonly stack: string;
  readonly region: string;
  /** Secrets whose values Terraform reads when it refreshes this stack (their names). */
  readonly refreshedSecrets: readonly string[];
  /** For an environment stack: its `Environment` tag and the prefix of its resource names. */
  readonly environment?: { readonly name: string; readonly namePrefix: string };
}

/** Where the account and partition come from: the OIDC provider's ARN, as Terraform expressions. */
export interface AccountRef {
  readonly accountId: string;
  readonly partition: string;
}

/**
 * What `ReadOnlyAccess` lacks for a refresh: the values of the secrets Terraform manages.
 * Secrets Manager appends `-` and six random characters to a secret's name in its ARN.
 */
export function refreshReadStatements(target: CiStackTarget, account: AccountRef): PolicyStatement[] {
  if (target.refreshedSecrets.length === 0) return [];
  const arn = (name: string) => `arn:${account.partition}:secretsmanager:${target.region}:${account.accountId}:secret:${name}-??????`;
  return [{ sid: "ReadRefreshedSecretValues", actions: ["secretsmanager:GetSecretValue"], resources: target.refreshedSecrets.map(arn) }];
}

/** The IAM the platform stack needs beyond PowerUserAccess: its own roles, named `<namePrefix>-*`. */
const ROLE_ACTIONS = [
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:GetRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:ListRoleTags",
  "iam:PutRolePolicy",
  "iam:GetRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:ListRolePolicies",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
  "iam:PassRole",
] as const;

/** Bucket settings no deployment may change on the state bucket: only its bootstrap stack does. */
const STATE_BUCKET_SETTINGS = [
  "s3:DeleteBucket",
  "s3:PutBucketPolicy",
  "s3:DeleteBucketPolicy",
  "s3:PutBucketVersioning",
  "s3:PutLifecycleConfiguration",
  "s3:PutEncryptionConfiguration",
  "s3:PutBucketPublicAccessBlock",
  "s3:PutBucketOwnershipControls",
] as const;

const stateBucketArn = (account: AccountRef, remoteState: RemoteStateSettings) => `arn:${account.partition}:s3:::${remoteState.bucket}`;

export interface DeployPermissionsInput {
  readonly target: CiStackTarget & { readonly environment: NonNullable<CiStackTarget["environment"]> };
  readonly account: AccountRef;
  /** Every stack of the app, so that the others' state can be named and kept out of reach. */
  readonly allStacks: readonly string[];
  readonly remoteState?: RemoteStateSettings;
}

/** Grants of a deploy role on top of PowerUserAccess: its environment's roles and its own state. */
export function deployGrantStatements(input: DeployPermissionsInput): PolicyStatement[] {
  const { target, account, remoteState } = input;
  const roles = `arn:${account.partition}:iam::${account.accountId}:role/${target.environment.namePrefix}-*`;
  const statements: PolicyStatement[] = [{ sid: "ManageThisEnvironmentsRoles", actions: [...ROLE_ACTIONS], resources: [roles] }];
  if (remoteState !== undefined) {
    const bucket = stateBucketArn(account, remoteState);
    const object = (key: string) => `${bucket}/${key}`;
    statements.push(
      { sid: "ListStateBucket", actions: ["s3:ListBucket"], resources: [bucket] },
      { sid: "ReadWriteOwnState", actions: ["s3:GetObject", "s3:PutObject"], resources: [object(stateObjectKey(remoteState, target.stack))] },
      {
        sid: "TakeOwnStateLock",
        actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        resources: [object(stateLockKey(remoteState, target.stack))],
      },
    );
  }
  return statements;
}

/**
 * Explicit denies that no managed policy can outweigh: another environment's resources (by their
 * `Environment` tag, wherever the service evaluates tag conditions), another stack's state, and
 * the state bucket's own settings and history.
 */
export function deployGuardStatements(input: DeployPermissionsInput): PolicyStatement[] {
  const { target, account, remoteState } = input;
  const otherEnvironment = (key: string) => [
    { test: "StringNotEquals", variable: key, values: [target.environment.name] },
    { test: "Null", variable: key, values: ["false"] },
  ];
  const statements: PolicyStatement[] = [
    { sid: "KeepOffOtherEnvironments", effect: "Deny", actions: ["*"], resources: ["*"], conditions: otherEnvironment("aws:ResourceTag/Environment") },
    { sid: "TagNothingForOtherEnvironments", effect: "Deny", actions: ["*"], resources: ["*"], conditions: otherEnvironment("aws:RequestTag/Environment") },
  ];
  if (remoteState !== undefined) {
    const bucket = stateBucketArn(account, remoteState);
    const others = input.allStacks.filter((stack) => stack !== target.stack);
    if (others.length > 0) {
      statements.push({
        sid: "KeepOffOtherStacksState",
        effect: "Deny",
        actions: ["s3:PutObject", "s3:DeleteObject"],
        resources: others.flatMap((stack) => [`${bucket}/${stateObjectKey(remoteState, stack)}`, `${bucket}/${stateLockKey(remoteState, stack)}`]),
      });
    }
    statements.push(
      { sid: "KeepStateBucketSettings", effect: "Deny", actions: [...STATE_BUCKET_SETTINGS], resources: [bucket] },
      { sid: "KeepStateHistory", effect: "Deny", actions: ["s3:DeleteObjectVersion"], resources: [`${bucket}/*`] },
    );
  }
  return statements;
}
