/**
 * Resources whose replacement or destruction loses data or breaks what points at them, and what
 * a reviewer should know about each. A re-apply brings back an empty shell, never the contents.
 */
const STATEFUL_TYPES: Readonly<Record<string, string>> = {
  aws_s3_bucket: "S3 bucket: its objects go with it",
  aws_dynamodb_table: "DynamoDB table: its items (the upload status records) go with it",
  aws_secretsmanager_secret: "Secrets Manager secret: its value goes with it, and its name stays taken until the recovery window ends",
  aws_secretsmanager_secret_version: "Secrets Manager secret value: a new one is drawn, and whatever holds the old one stops matching",
  aws_sqs_queue: "SQS queue: the messages waiting in it (failed events a dead-letter queue keeps for replay) go with it",
  aws_cloudfront_distribution: "CloudFront distribution: its domain name changes, so DNS records and links to it break",
  aws_cognito_user_pool: "Cognito user pool: every user account and password goes with it",
  aws_medialive_channel: "MediaLive channel: the live channel is rebuilt and must be started again",
  aws_medialive_input: "MediaLive input: encoders must be given the new ingest address",
  aws_media_package_channel: "MediaPackage channel: ingest and playback endpoints change",
  aws_kms_key: "KMS key: whatever it encrypted becomes unreadable once the key is deleted",
};

/** The same kinds of resource when wrapped in an `aws_cloudformation_stack` (provider gaps). */
const STATEFUL_CLOUDFORMATION_TYPES: Readonly<Record<string, string>> = {
  "AWS::S3::Bucket": "CloudFormation stack holding an S3 bucket: its objects go with it",
  "AWS::DynamoDB::Table": "CloudFormation stack holding a DynamoDB table: its items go with it",
  "AWS::MediaLive::Channel": "CloudFormation stack holding the MediaLive channel: it is rebuilt",
  "AWS::MediaLive::Input": "CloudFormation stack holding the MediaLive SRT input: encoders need the new address",
  "AWS::MediaPackage::Channel": "CloudFormation stack holding the MediaPackage channel: endpoints change",
  "AWS::MediaPackage::OriginEndpoint": "CloudFormation stack holding the MediaPackage endpoints: the playback URLs CloudFront pulls from change",
  "AWS::MediaConvert::JobTemplate": "CloudFormation stack holding the MediaConvert job template: transcoding jobs fail until it is back",
};

const STATE_BUCKET = "Terraform state bucket: every stack's state and its history go with it";

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === "string" ? field : undefined;
}

export interface StatefulCandidate {
  readonly address: string;
  readonly type: string;
  /** The resource's attributes before the change (what would be lost). */
  readonly before: unknown;
  readonly after: unknown;
}

export interface StatefulOptions {
  /** The configured Terraform state bucket (`TF_STATE_BUCKET`): the one bucket named as such. */
  readonly stateBucket?: string;
}

/** Why losing this resource matters, or undefined when it holds nothing that a re-apply cannot recreate. */
export function statefulConcern(resource: StatefulCandidate, options: StatefulOptions = {}): string | undefined {
  if (resource.type === "aws_s3_bucket" && options.stateBucket !== undefined) {
    const bucket = stringField(resource.before, "bucket") ?? stringField(resource.after, "bucket");
    if (bucket === options.stateBucket) return STATE_BUCKET;
  }
  if (resource.type === "aws_cloudformation_stack") {
    const template = stringField(resource.before, "template_body") ?? stringField(resource.after, "template_body") ?? "";
    const held = Object.keys(STATEFUL_CLOUDFORMATION_TYPES).find((cfnType) => template.includes(`"${cfnType}"`) || template.includes(` ${cfnType}`));
    return held === undefined ? undefined : STATEFUL_CLOUDFORMATION_TYPES[held];
  }
  return STATEFUL_TYPES[resource.type];
}
