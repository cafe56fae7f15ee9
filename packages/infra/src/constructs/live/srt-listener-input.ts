import { CloudformationStack } from "@cdktf/provider-aws/lib/cloudformation-stack";
import { MedialiveInputSecurityGroup } from "@cdktf/provider-aws/lib/medialive-input-security-group";
import { Construct } from "constructs";
import type { ParameterisedTemplate } from "./parameterised-template.js";
import { terraformLiteral } from "../terraform-literal.js";

// hashicorp/aws 5.100.0's aws_medialive_input has no srt_settings and rejects SRT_LISTENER; no
// provider issue tracks it yet (nearest: hashicorp/terraform-provider-aws#38291, MediaLive features missing).

export interface SrtListenerInputProps {
  readonly namePrefix: string;
  /** The only networks an encoder may call in from (MediaLive input security group). */
  readonly allowedCidrs: readonly string[];
  /** Secrets Manager secret holding the SRT passphrase; MediaLive decrypts with it. */
  readonly passphraseSecretArn: string;
  /** SRT receive latency: room for retransmissions. About four round trips to the encoder. */
  readonly minimumLatencyMs?: number;
  /**
   * Listener endpoints, one per source: 2 makes a STANDARD-class input (one endpoint per
   * pipeline of a STANDARD channel, the encoder calls both), 1 a SINGLE_PIPELINE one.
   */
  readonly endpoints: 1 | 2;
  readonly tags?: Readonly<Record<string, string>>;
}

/** SRT latency range MediaLive accepts for listener inputs, in milliseconds. */
export const SRT_MINIMUM_LATENCY_RANGE = { min: 120, max: 15_000 } as const;
const DEFAULT_MINIMUM_LATENCY_MS = 2_000;

export class SrtInputConfigError extends Error {
  override readonly name = "SrtInputConfigError";
}

const LOGICAL_ID = "SrtListenerInput";

/** The CloudFormation template of the input; Terraform values arrive as stack parameters. */
export function srtListenerInputTemplate(minimumLatencyMs: number, endpoints: 1 | 2): ParameterisedTemplate {
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "MediaLive SRT listener input: the encoder calls in, with an AES-256 passphrase.",
    Parameters: {
      InputName: { Type: "String" },
      InputSecurityGroupId: { Type: "String" },
      PassphraseSecretArn: { Type: "String" },
    },
    Resources: {
      [LOGICAL_ID]: {
        Type: "AWS::MediaLive::Input",
        Properties: {
          Name: { Ref: "InputName" },
          Type: "SRT_LISTENER",
          InputSecurityGroups: [{ Ref: "InputSecurityGroupId" }],
          // A push input's class follows its destinations: one, single-pipeline; two, standard.
          Destinations: Array.from({ length: endpoints }, () => ({})),
          SrtSettings: {
            SrtListenerSettings: {
              MinimumLatency: minimumLatencyMs,
              Decryption: { Algorithm: "AES256", PassphraseSecretArn: { Ref: "PassphraseSecretArn" } },
            },
          },
        },
      },
    },
    Outputs: {
      InputId: { Value: { "Fn::GetAtt": [LOGICAL_ID, "Id"] } },
      InputArn: { Value: { "Fn::GetAtt": [LOGICAL_ID, "Arn"] } },
      // srt://<address>:<port>, one per pipeline.
      IngestUrls: { Value: { "Fn::Join": [",", { "Fn::GetAtt": [LOGICAL_ID, "Destinations"] }] } },
    },
  };
}

/** A MediaLive SRT input in listener mode, reachable only from the allowed CIDRs. */
export class SrtListenerInput extends Construct {
  readonly inputId: string;
  readonly inputArn: string;
  readonly securityGroupId: string;
  /** Comma-separated `srt://address:port` URLs the encoder calls (two for a standard-class input). */
  readonly ingestUrls: string;

  constructor(scope: Construct, id: string, props: SrtListenerInputProps) {
    super(scope, id);
    const latency = props.minimumLatencyMs ?? DEFAULT_MINIMUM_LATENCY_MS;
    if (!Number.isInteger(latency) || latency < SRT_MINIMUM_LATENCY_RANGE.min || latency > SRT_MINIMUM_LATENCY_RANGE.max) {
      throw new SrtInputConfigError(
        `SRT minimum latency must be ${SRT_MINIMUM_LATENCY_RANGE.min}-${SRT_MINIMUM_LATENCY_RANGE.max} ms, got ${latency}`,
      );
    }
    if (props.allowedCidrs.length === 0) {
      throw new SrtInputConfigError("an SRT input needs at least one allowed CIDR; an open listener is not allowed");
    }

    const securityGroup = new MedialiveInputSecurityGroup(this, "SecurityGroup", {
      whitelistRules: props.allowedCidrs.map((cidr) => ({ cidr })),
      tags: { Name: `${props.namePrefix}-live-srt`, ...props.tags },
    });

    const stack = new CloudformationStack(this, "Stack", {
      name: `${props.namePrefix}-live-srt-input`,
      templateBody: terraformLiteral(JSON.stringify(srtListenerInputTemplate(latency, props.endpoints))),
      onFailure: "DELETE",
      parameters: {
        InputName: `${props.namePrefix}-live-srt`,
        InputSecurityGroupId: securityGroup.id,
        PassphraseSecretArn: props.passphraseSecretArn,
      },
      tags: props.tags ? { ...props.tags } : undefined,
    });

    this.securityGroupId = securityGroup.id;
    this.inputId = stack.outputs.lookup("InputId");
    this.inputArn = stack.outputs.lookup("InputArn");
    this.ingestUrls = stack.outputs.lookup("IngestUrls");
  }
}
