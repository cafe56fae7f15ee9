import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Fn, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { accountOf, partitionOf } from "../arn.js";
import { policyDocument, serviceTrustPolicy } from "../policy-document.js";

export interface ChannelRoleProps {
  readonly namePrefix: string;
  /** The SRT passphrase secret the channel decrypts its input with. */
  readonly passphraseSecretArn: string;
  /** The MediaPackage channel the channel's MediaPackage output group writes to. */
  readonly packagingChannelArn: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** MediaLive writes channel logs to this log group, whatever the channel. */
export const MEDIALIVE_LOG_GROUP = "ElementalMediaLive";

/**
 * The role the MediaLive channel assumes: read its SRT passphrase, look up its MediaPackage channel,
 * write its own logs. Nothing else (the managed MediaLiveAccessRole grants far more).
 */
export class ChannelRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;
  /** The role's permissions: a channel must not be created before it may use them. */
  readonly policy: ITerraformDependable;

  constructor(scope: Construct, id: string, props: ChannelRoleProps) {
    super(scope, id);
    const trust = serviceTrustPolicy(this, "Trust", "medialive.amazonaws.com", accountOf(props.passphraseSecretArn));
    const role = new IamRole(this, "Role", {
      name: `${props.namePrefix}-live-channel`,
      description: "MediaLive live channel: SRT passphrase, MediaPackage output, logs.",
      assumeRolePolicy: trust.json,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    // Partition, region and account from an ARN the stack already has: no AWS call at plan time.
    const secretArn = props.passphraseSecretArn;
    const region = Fn.element(Fn.split(":", secretArn), 3);
    const logGroupArn = `arn:${partitionOf(secretArn)}:logs:${region}:${accountOf(secretArn)}:log-group:${MEDIALIVE_LOG_GROUP}`;
    const access = policyDocument(this, "Access", [
      {
        sid: "ReadTheSrtPassphrase",
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        resources: [props.passphraseSecretArn],
      },
      {
        sid: "FindTheMediaPackageChannel",
        actions: ["mediapackage:DescribeChannel"],
        resources: [props.packagingChannelArn],
      },
      {
        sid: "WriteChannelLogs",
        actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        resources: [logGroupArn, `${logGroupArn}:log-stream:*`],
      },
    ]);
    this.policy = new IamRolePolicy(this, "Policy", { name: "live-channel", role: role.id, policy: access.json });
    this.roleArn = role.arn;
    this.roleName = role.name;
  }
}
