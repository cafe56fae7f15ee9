import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateBucketCommand,
  PutBucketCorsCommand,
  PutBucketNotificationConfigurationCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { FunctionName } from "@video-platform/shared-types";
import { motoClientConfig } from "./local-resources.js";
import type { LocalWiring } from "./local-wiring.js";

export interface AwsClients {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  readonly eventBridge: EventBridgeClient;
  readonly sqs: SQSClient;
  readonly secretsManager: SecretsManagerClient;
}

export function awsClients(endpoint: string): AwsClients {
  const config = motoClientConfig(endpoint);
  return {
    s3: new S3Client({ ...config, forcePathStyle: true }),
    dynamodb: new DynamoDBClient(config),
    eventBridge: new EventBridgeClient(config),
    sqs: new SQSClient(config),
    secretsManager: new SecretsManagerClient(config),
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
 * Creates in moto what the wiring lists: the buckets (CORS for the web origin, EventBridge
 * notifications where a rule listens), the status table with its indexes and expiry, and the
 * rules, whose targets here are queues (moto cannot invoke a function).
 */
export async function provisionEmulatedAws(
  clients: AwsClients,
  wiring: Pick<LocalWiring, "buckets" | "table" | "rules">,
): Promise<TargetQueue[]> {
  const { s3, dynamodb, eventBridge, sqs } = clients;
  for (const bucket of wiring.buckets) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket.name }));
    await s3.send(new PutBucketCorsCommand({ Bucket: bucket.name, CORSConfiguration: { CORSRules: [bucket.cors] } }));
    if (bucket.eventBridge) {
      await s3.send(
        new PutBucketNotificationConfigurationCommand({ Bucket: bucket.name, NotificationConfiguration: { EventBridgeConfiguration: {} } }),
      );
    }
  }
  await dynamodb.send(new CreateTableCommand(wiring.table.create));
  if (wiring.table.timeToLiveAttribute !== undefined) {
    await dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: wiring.table.create.TableName,
        TimeToLiveSpecification: { AttributeName: wiring.table.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
  const deadLetters = await createQueue(sqs, "event-targets-dead-letter");
  const queues: TargetQueue[] = [];
  for (const rule of wiring.rules) {
    await eventBridge.send(new PutRuleCommand({ Name: rule.name, EventPattern: rule.eventPattern, State: "ENABLED" }));
    const targets = [];
    for (const target of rule.targets) {
      const queue = await createQueue(sqs, target.queueName, {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: MAX_DELIVERIES }),
      });
      queues.push({ url: queue.url, rule: rule.name, target: target.function });
      targets.push({ Id: target.function, Arn: queue.arn });
    }
    await eventBridge.send(new PutTargetsCommand({ Rule: rule.name, Targets: targets }));
  }
  return queues;
}
