import { LocalBackend, S3Backend, type TerraformStack } from "cdktf";
import { z } from "zod";
import { describeIssues } from "./zod-issues.js";

/**
 * Where Terraform keeps state, from the environment:
 * - `TF_STATE_BUCKET`: the state bucket (from the `state-bootstrap` stack); unset means local state.
 * - `TF_STATE_REGION`: its region; defaults to each stack's own region.
 * - `TF_STATE_KEY_PREFIX`: prefix of the state objects; defaults to `video-platform`.
 */
export const RemoteStateSettings = z.object({
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name"),
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, "must be an AWS region")
    .optional(),
  keyPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, "must be a path without leading or trailing slash")
    .default("video-platform"),
});
export type RemoteStateSettings = z.infer<typeof RemoteStateSettings>;

export class InvalidRemoteStateError extends Error {
  override readonly name = "InvalidRemoteStateError";
}

/** The remote state settings in `env`, or undefined when no state bucket is set. */
export function remoteStateFromEnv(env: Record<string, string | undefined>): RemoteStateSettings | undefined {
  const bucket = env.TF_STATE_BUCKET?.trim();
  if (!bucket) return undefined;
  const result = RemoteStateSettings.safeParse({
    bucket,
    region: env.TF_STATE_REGION?.trim() || undefined,
    keyPrefix: env.TF_STATE_KEY_PREFIX?.trim() || undefined,
  });
  if (!result.success) {
    throw new InvalidRemoteStateError(`remote state: ${describeIssues(result.error)}`);
  }
  return result.data;
}

/** The object holding a stack's state in the state bucket. */
export function stateObjectKey(remote: RemoteStateSettings, stackName: string): string {
  return `${remote.keyPrefix}/${stackName}.tfstate`;
}

/** The lock file Terraform's S3 backend writes beside the state (`use_lockfile`). */
export function stateLockKey(remote: RemoteStateSettings, stackName: string): string {
  return `${stateObjectKey(remote, stackName)}.tflock`;
}

/**
 * Points a stack at its state: the S3 backend with S3's native lock file when a bucket is
 * configured, otherwise a local file beside `cdktf.out` (outside it, so a fresh synth never
 * wipes state).
 */
export function configureStateBackend(stack: TerraformStack, stackName: string, region: string, remote: RemoteStateSettings | undefined): void {
  if (remote === undefined) {
    new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
    return;
  }
  const backend = new S3Backend(stack, {
    bucket: remote.bucket,
    key: stateObjectKey(remote, stackName),
    region: remote.region ?? region,
    encrypt: true,
  });
  // cdktf 0.21 predates `use_lockfile` (Terraform 1.10+): locking without a DynamoDB table.
  backend.addOverride("use_lockfile", true);
}
