import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateBucketCommand,
  PutBucketCorsCommand,
  PutBucketNotificationConfigurationCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { uploadTableCreateInput, type FunctionName } from "@video-platform/shared-types";
import { LOCAL_RESOURCES, localEventRules, targetQueueName } from "./local-resources.js";

export interface AwsClients {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  readonly eventBridge: EventBridgeClient;
  readonly sqs: SQSClient;
}

export function awsClients(endpoint: string): AwsClients {
  const config = {
    endpoint,
    region: LOCAL_RESOURCES.region,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  };
  return {
    s3: new S3Client({ ...config, forcePathStyle: true }),
    dynamodb: new DynamoDBClient(config),
    eventBridge: new EventBridgeClient(config),
    sqs: new SQSClient(config),
  };
}

/** A queue the event pump drains into one function. */
export interface TargetQueue {
  readonly url: string;
  readonly rule: string;
  readonly target: FunctionName;
}

/** After this many failed deliveries a message moves to the dead-letter queue, like a target's retry policy. */
export const MAX_DELIVERIES = 5;

async function createQueue(sqs: SQSClient, name: string, attributes: Record<string, string> = {}) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  if (!QueueUrl || !Attributes?.QueueArn) throw new Error(`queue ${name} was not created`);
  return { url: QueueUrl, arn: Attributes.QueueArn };
}

/**
 * Creates what infra creates on AWS, as far as the VOD flow needs it: both buckets (raw with
 * EventBridge notifications and CORS for browser PUTs, processed readable), the status table
 * with its list index, and the EventBridge rules, whose targets here are queues.
 */
export async function provisionEmulatedAws(clients: AwsClients, webOrigin: string): Promise<TargetQueue[]> {
  const { s3, dynamodb, eventBridge, sqs } = clients;
  await s3.send(new CreateBucketCommand({ Bucket: LOCAL_RESOURCES.rawBucket }));
  await s3.send(new CreateBucketCommand({ Bucket: LOCAL_RESOURCES.processedBucket }));
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: LOCAL_RESOURCES.rawBucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [webOrigin],
            AllowedMethods: ["PUT"],
            AllowedHeaders: ["*"],
            // The browser needs each part's ETag to complete a multipart upload.
            ExposeHeaders: ["ETag"],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: LOCAL_RESOURCES.processedBucket,
      CORSConfiguration: {
        CORSRules: [{ AllowedOrigins: [webOrigin], AllowedMethods: ["GET", "HEAD"], AllowedHeaders: ["*"], MaxAgeSeconds: 3000 }],
      },
    }),
  );
  await s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: LOCAL_RESOURCES.rawBucket,
      NotificationConfiguration: { EventBridgeConfiguration: {} },
    }),
  );
  await dynamodb.send(new CreateTableCommand(uploadTableCreateInput(LOCAL_RESOURCES.uploadTable)));
  const deadLetters = await createQueue(sqs, "event-targets-dead-letter");
  const queues: TargetQueue[] = [];
  for (const rule of localEventRules()) {
    await eventBridge.send(new PutRuleCommand({ Name: rule.name, EventPattern: JSON.stringify(rule.pattern), State: "ENABLED" }));
    const targets = [];
    for (const target of rule.targets) {
      const queue = await createQueue(sqs, targetQueueName(rule, target), {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: MAX_DELIVERIES }),
      });
      queues.push({ url: queue.url, rule: rule.name, target });
      targets.push({ Id: target, Arn: queue.arn });
    }
    await eventBridge.send(new PutTargetsCommand({ Rule: rule.name, Targets: targets }));
  }
  return queues;
}
