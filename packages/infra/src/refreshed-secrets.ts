import type { TerraformStack } from "cdktf";

export class RefreshedSecretError extends Error {
  override readonly name = "RefreshedSecretError";
}

type Resources = Record<string, Record<string, Record<string, unknown>> | undefined>;

/**
 * The names of the secrets whose values a stack manages (an `aws_secretsmanager_secret_version`
 * of one of its own secrets): Terraform reads each value on every refresh, so whoever plans the
 * stack needs `GetSecretValue` on exactly these. Read from the stack's Terraform, so a secret
 * added later is covered without anyone remembering to.
 */
export function refreshedSecretNames(stack: TerraformStack): string[] {
  const resources = ((stack.toTerraform() as { resource?: Resources }).resource ?? {}) as Resources;
  const secrets = resources.aws_secretsmanager_secret ?? {};
  const versions = Object.entries(resources.aws_secretsmanager_secret_version ?? {});
  const names = versions.map(([id, version]) => {
    const secretId = /^\$\{aws_secretsmanager_secret\.([^.}]+)\.(id|arn)\}$/.exec(String(version.secret_id))?.[1];
    const secret = secretId === undefined ? undefined : secrets[secretId];
    if (secret === undefined) throw new RefreshedSecretError(`${stack.node.id}: secret version ${id} is not of one of the stack's own secrets`);
    const name = secret.name;
    if (typeof name !== "string" || name.includes("${")) {
      throw new RefreshedSecretError(`${stack.node.id}: secret ${secretId} holds a value Terraform manages, so it needs a fixed name`);
    }
    return name;
  });
  return [...new Set(names)].sort();
}
