import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Fn, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { accountOf } from "../arn.js";
import { policyDocument, serviceTrustPolicy } from "../policy-document.js";

/** The header CloudFront adds to every origin request and MediaPackage (v1) checks. */
export const CDN_IDENTIFIER_HEADER = "X-MediaPackage-CDNIdentifier";
/** The key MediaPackage reads from the secret's JSON. */
const SECRET_KEY = "MediaPackageCDNIdentifier";

export interface CdnIdentifierProps {
  readonly namePrefix: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Origin protection for the MediaPackage endpoints ("CDN authorization"): a shared value that
 * CloudFront sends as a header and MediaPackage compares with a Secrets Manager secret, so only
 * this distribution can pull. The value is a v4 UUID drawn once by Terraform's `uuid()` and then
 * kept (`ignore_changes`); it lives in the state like any CloudFront origin header does, never in
 * the repository. Rotate it by tainting the secret version.
 */
export class CdnIdentifier extends Construct {
  readonly secretArn: string;
  /** The role MediaPackage assumes to read the secret. */
  readonly secretsRoleArn: string;
  readonly headerName = CDN_IDENTIFIER_HEADER;
  /** Terraform expression of the header's value, for the distribution's origin. */
  readonly headerValue: string;
  /**
   * What must exist before MediaPackage is told to use the secret: its value, and the role
   * policy that lets MediaPackage read it. An ARN alone orders nothing after the secret itself.
   */
  readonly readyForUse: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: CdnIdentifierProps) {
    super(scope, id);
    const secret = new SecretsmanagerSecret(this, "Secret", {
      name: `${props.namePrefix}-live-cdn-identifier`,
      description: `Value of the ${CDN_IDENTIFIER_HEADER} header that CloudFront sends to MediaPackage.`,
      recoveryWindowInDays: 7,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    const version = new SecretsmanagerSecretVersion(this, "Value", {
      secretId: secret.id,
      secretString: Fn.jsonencode({ [SECRET_KEY]: Fn.uuid() }),
      // uuid() changes on every plan; the first value is the one CloudFront and MediaPackage share.
      lifecycle: { ignoreChanges: ["secret_string"] },
    });

    const trust = serviceTrustPolicy(this, "Trust", "mediapackage.amazonaws.com", accountOf(secret.arn));
    const role = new IamRole(this, "Role", {
      name: `${props.namePrefix}-live-mediapackage-cdn-auth`,
      description: "MediaPackage reads the CDN identifier secret of the live endpoints.",
      assumeRolePolicy: trust.json,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    const access = policyDocument(this, "Access", [
      {
        sid: "ReadTheCdnIdentifier",
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"],
        resources: [secret.arn],
      },
      {
        // MediaPackage checks the role it is handed before using it.
        sid: "InspectItsOwnRole",
        actions: ["iam:GetRole", "iam:PassRole"],
        resources: [role.arn],
      },
    ]);
    const policy = new IamRolePolicy(this, "Policy", { name: "read-cdn-identifier", role: role.id, policy: access.json });

    this.secretArn = secret.arn;
    this.secretsRoleArn = role.arn;
    this.headerValue = Fn.lookup(Fn.jsondecode(version.secretString), SECRET_KEY);
    this.readyForUse = [version, policy];
  }
}
