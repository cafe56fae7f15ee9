import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { Construct } from "constructs";

export interface SrtPassphraseProps {
  readonly namePrefix: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The Secrets Manager secret that holds the SRT passphrase of the live input. Terraform creates it
 * empty and an operator fills it (`aws secretsmanager put-secret-value`), so the passphrase is
 * never in the configuration, the synthesized JSON or the Terraform state. (A generated
 * write-only value would avoid the manual step, but Terraform's mock providers cannot plan
 * ephemeral resources, and the offline plan matters more here.)
 */
export class SrtPassphrase extends Construct {
  readonly secretArn: string;
  readonly secretName: string;

  constructor(scope: Construct, id: string, props: SrtPassphraseProps) {
    super(scope, id);
    const secret = new SecretsmanagerSecret(this, "Secret", {
      name: `${props.namePrefix}-live-srt-passphrase`,
      description:
        "SRT passphrase (10-79 characters) of the live input; MediaLive decrypts the encoder's stream with it. Filled out of band.",
      // A deleted secret keeps its name for the recovery window; a week is enough to undo a mistake.
      recoveryWindowInDays: 7,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.secretArn = secret.arn;
    this.secretName = secret.name;
  }
}
