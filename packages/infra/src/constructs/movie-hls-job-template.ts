import { CloudformationStack } from "@cdktf/provider-aws/lib/cloudformation-stack";
import { buildMovieHlsJobTemplateSettings, MovieHlsLadder, type MovieHlsLadderSpec } from "@video-platform/shared-types";
import { Construct } from "constructs";
import type { CloudFormationTemplate } from "./cloudformation-template.js";
import { terraformLiteral } from "./terraform-literal.js";

export interface MovieHlsJobTemplateProps {
  readonly namePrefix: string;
  readonly ladder?: MovieHlsLadderSpec;
}

const RESOURCE_ID = "MovieHlsJobTemplate";

/** The CloudFormation template holding the `MovieHLS` job template, settings from the shared ladder. */
export function movieHlsJobTemplateBody(templateName: string, ladder: MovieHlsLadderSpec = MovieHlsLadder): CloudFormationTemplate {
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `MediaConvert job template ${templateName}, managed by Terraform`,
    Resources: {
      [RESOURCE_ID]: {
        Type: "AWS::MediaConvert::JobTemplate",
        Properties: {
          Name: templateName,
          Category: "VOD",
          Description: "Adaptive HLS ladder for uploaded films",
          SettingsJson: buildMovieHlsJobTemplateSettings(ladder),
          StatusUpdateInterval: ladder.statusUpdateInterval,
        },
      },
    },
    Outputs: {
      Arn: { Value: { "Fn::GetAtt": [RESOURCE_ID, "Arn"] } },
      Name: { Value: { Ref: RESOURCE_ID } },
    },
  };
}

/**
 * The `MovieHLS` job template. hashicorp/aws has no resource for it
 * (hashicorp/terraform-provider-aws#11189), so a CloudFormation stack holds it.
 */
export class MovieHlsJobTemplate extends Construct {
  /** Known at synth: jobs name their template, and the handler's environment carries it. */
  readonly name: string;
  readonly arn: string;
  readonly stack: CloudformationStack;

  constructor(scope: Construct, id: string, props: MovieHlsJobTemplateProps) {
    super(scope, id);
    const ladder = props.ladder ?? MovieHlsLadder;
    this.name = `${props.namePrefix}-${ladder.templateName}`;
    this.stack = new CloudformationStack(this, "stack", {
      name: `${props.namePrefix}-movie-hls-job-template`,
      templateBody: terraformLiteral(JSON.stringify(movieHlsJobTemplateBody(this.name, ladder))),
      onFailure: "DELETE",
    });
    this.arn = this.stack.outputs.lookup("Arn");
  }
}
