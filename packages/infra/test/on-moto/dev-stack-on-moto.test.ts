/**
 * The dev stack's own Terraform, applied to a fresh moto_server, works: S3 events reach the rule's
 * targets, the job-state rule passes only this platform's jobs, the table is the one the handlers
 * query, and the user pool issues tokens the APIs' authorizer accepts. Resources are found by type
 * and attributes, never by address. What the override changes for moto, and why:
 * `tools/moto-override.ts` and the local platform's README.
 */
import { randomUUID } from "node:crypto";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, PutItemCommand, QueryCommand } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { startMotoServer, type RunningMotoServer } from "@video-platform/aws-emulator";
import { ADMIN_GROUP, ENV, MovieJobMetadata, STATUS_TABLE, UPLOAD_KEY_PREFIX, UPLOAD_TABLE, uploadTableCreateInput } from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The local platform's stand-in for API Gateway's JWT authorizer (its package exports no subpath for it).
import { createAccessTokenVerifier } from "@video-platform/local/access-token-verifier";
import { applyToMoto, synthesizedStackDir, type AppliedResource, type AppliedStack } from "./support/applied-stack.js";

const STACK = "dev";

let moto: RunningMotoServer | undefined;
let applied: AppliedStack;
let clients: { s3: S3Client; sqs: SQSClient; events: EventBridgeClient; dynamodb: DynamoDBClient; cognito: CognitoIdentityProviderClient };

beforeAll(async () => {
  const started = performance.now();
  moto = await startMotoServer();
  applied = await applyToMoto(synthesizedStackDir(STACK), moto.endpoint);
  console.log(
    `${STACK} applied to moto: apply ${applied.applySeconds.toFixed(1)} s, with moto start and init ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `left out ${applied.override.removed.length}, ${Object.keys(applied.override.redirected).length} rule targets redirected to queues`,
  );
  const config = { endpoint: moto.endpoint, region: applied.region, credentials: { accessKeyId: "moto", secretAccessKey: "moto" } };
  clients = {
    s3: new S3Client({ ...config, forcePathStyle: true }),
    sqs: new SQSClient(config),
    events: new EventBridgeClient(config),
    dynamodb: new DynamoDBClient(config),
    cognito: new CognitoIdentityProviderClient(config),
  };
}, 240_000);

afterAll(async () => {
  applied?.cleanup();
  await moto?.stop();
});

interface EventPattern {
  readonly source?: string[];
  readonly "detail-type"?: string[];
  readonly detail?: { bucket?: { name?: string[] }; object?: { key?: unknown[] }; userMetadata?: { platform?: string[] } };
}
const patternOf = (values: Record<string, unknown>) => JSON.parse(String(values.event_pattern)) as EventPattern;
const environmentOf = (values: Record<string, unknown>) =>
  ((values.environment as { variables?: Record<string, string> }[] | undefined)?.[0]?.variables ?? {}) as Record<string, string>;

/** The queue names behind every target of `rule`: each one a stand-in the override put there for a Lambda function. */
function standInQueuesOf(rule: AppliedResource): string[] {
  const targets = applied.resources("aws_cloudwatch_event_target").filter((target) => target.values.rule === rule.values.name);
  const synthesized = Object.values(applied.synthesized.resource?.aws_cloudwatch_event_target ?? {}).filter(
    (target) => target.rule === `\${${rule.address}.name}`,
  );
  expect(targets.length).toBeGreaterThan(0);
  expect(targets).toHaveLength(synthesized.length);
  return targets.map((target) => {
    expect(Object.keys(applied.override.redirected)).toContain(target.address);
    const arn = String(target.values.arn);
    expect(arn).toMatch(/^arn:aws:sqs:/);
    return arn.slice(arn.lastIndexOf(":") + 1);
  });
}

interface DeliveredEvent {
  readonly source: string;
  readonly "detail-type": string;
  readonly detail: Record<string, unknown>;
}

/** Every event waiting in the queue (moto delivers while the triggering call is answered). */
async function drain(queueName: string): Promise<DeliveredEvent[]> {
  const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  const events: DeliveredEvent[] = [];
  for (let waitSeconds = 2; ; waitSeconds = 0) {
    const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }));
    if (Messages.length === 0) return events;
    events.push(...Messages.map((message) => JSON.parse(message.Body ?? "{}") as DeliveredEvent));
  }
}

describe(`the ${STACK} stack applied to moto`, () => {
  it("sends an object put under uploads/ in the raw bucket to every target of the object-created rule, and not one put elsewhere", async () => {
    const uploader = applied.only("aws_lambda_function", `the function that signs uploads (${ENV.maxUploadBytes})`, (values) => ENV.maxUploadBytes in environmentOf(values));
    const rawBucket = environmentOf(uploader.values)[ENV.rawBucketName] as string;
    // moto reads `eventbridge` back as false while it delivers: the events below are the proof.
    applied.only("aws_s3_bucket_notification", "the raw bucket's notifications", (values) => values.bucket === rawBucket);
    const rule = applied.only("aws_cloudwatch_event_rule", "the Object Created rule", (values) => patternOf(values)["detail-type"]?.includes("Object Created") ?? false);
    expect(patternOf(rule.values).detail?.bucket?.name).toEqual([rawBucket]);
    const queues = standInQueuesOf(rule);

    const uploadKey = `${UPLOAD_KEY_PREFIX}${randomUUID()}.mp4`;
    const elsewhereKey = `elsewhere/${randomUUID()}.mp4`;
    for (const key of [elsewhereKey, uploadKey]) {
      await clients.s3.send(new PutObjectCommand({ Bucket: rawBucket, Key: key, Body: new Uint8Array([0, 0, 0, 24]), ContentType: "video/mp4" }));
    }

    for (const queue of queues) {
      const delivered = await drain(queue);
      expect(delivered.map((event) => [event.source, event["detail-type"], event.detail.bucket, (event.detail.object as { key?: string }).key])).toEqual([
        ["aws.s3", "Object Created", expect.objectContaining({ name: rawBucket }), uploadKey],
      ]);
    }
  });

  it("passes this platform's MediaConvert job state changes to the job-state rule's targets, and not another platform's", async () => {
    const trigger = applied.only("aws_lambda_function", `the function that stamps ${ENV.platformId} on jobs`, (values) => ENV.platformId in environmentOf(values));
    const platformId = environmentOf(trigger.values)[ENV.platformId] as string;
    const rule = applied.only("aws_cloudwatch_event_rule", "the MediaConvert job-state rule", (values) => patternOf(values).source?.includes("aws.mediaconvert") ?? false);
    const queues = standInQueuesOf(rule);

    const jobChange = (jobId: string, platform: string) => {
      const uploadId = `${randomUUID()}.mp4`;
      const userMetadata = MovieJobMetadata.parse({ uploadId, fileName: `${UPLOAD_KEY_PREFIX}${uploadId}`, platform });
      return { Source: "aws.mediaconvert", DetailType: "MediaConvert Job State Change", Detail: JSON.stringify({ status: "PROGRESSING", jobId, userMetadata }) };
    };
    const put = await clients.events.send(new PutEventsCommand({ Entries: [jobChange("ours", platformId), jobChange("theirs", `${platformId}-other`)] }));
    expect(put.FailedEntryCount ?? 0).toBe(0);

    for (const queue of queues) {
      const delivered = await drain(queue);
      expect(delivered.map((event) => [event.source, event.detail.jobId, (event.detail.userMetadata as { platform: string }).platform])).toEqual([
        ["aws.mediaconvert", "ours", platformId],
      ]);
    }
  });

  it("creates the status table with the keys, indexes and expiry the handlers use", async () => {
    const tableNames = new Set(applied.resources("aws_lambda_function").map((fn) => environmentOf(fn.values)[ENV.uploadTableName]).filter(Boolean));
    expect(tableNames.size).toBe(1);
    const [tableName] = [...tableNames] as [string];
    applied.only("aws_dynamodb_table", tableName, (values) => values.name === tableName);

    const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    const expected = uploadTableCreateInput(tableName);
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) => String(a.AttributeName).localeCompare(String(b.AttributeName));
    expect(Table?.KeySchema).toEqual(expected.KeySchema);
    expect([...(Table?.AttributeDefinitions ?? [])].sort(byName)).toEqual([...(expected.AttributeDefinitions ?? [])].sort(byName));
    expect(Table?.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }))).toEqual(
      expected.GlobalSecondaryIndexes,
    );
    const { TimeToLiveDescription } = await clients.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(TimeToLiveDescription).toMatchObject({ AttributeName: STATUS_TABLE.timeToLiveAttribute, TimeToLiveStatus: "ENABLED" });

    // The list query the status API makes: newest first, within the one list partition.
    const fileName = `${UPLOAD_KEY_PREFIX}${randomUUID()}.mp4`;
    await clients.dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          [UPLOAD_TABLE.partitionKey]: { S: fileName },
          [UPLOAD_TABLE.listPartitionKey]: { S: UPLOAD_TABLE.listPartitionValue },
          [UPLOAD_TABLE.listSortKey]: { S: new Date().toISOString() },
        },
      }),
    );
    const listed = await clients.dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: UPLOAD_TABLE.listIndexName,
        KeyConditionExpression: "#partition = :partition",
        ExpressionAttributeNames: { "#partition": UPLOAD_TABLE.listPartitionKey },
        ExpressionAttributeValues: { ":partition": { S: UPLOAD_TABLE.listPartitionValue } },
        ScanIndexForward: false,
      }),
    );
    expect(listed.Items?.map((item) => item[UPLOAD_TABLE.partitionKey]?.S)).toEqual([fileName]);
  });

  it("has a user pool and web client that issue, to an invited admin, access tokens the authorizer's checks accept", async () => {
    const pool = applied.only("aws_cognito_user_pool", "the user pool", () => true);
    const userPoolId = String(pool.values.id);
    const client = applied.only("aws_cognito_user_pool_client", "the web client", (values) => values.user_pool_id === userPoolId);
    const clientId = String(client.values.id);
    const group = applied.only("aws_cognito_user_group", "the admin group", (values) => values.user_pool_id === userPoolId);
    expect(group.values.name).toBe(ADMIN_GROUP);

    // What API Gateway checks is what Terraform gave every authorizer: this pool's issuer and this client.
    const issuer = `https://${String(pool.values.endpoint)}`;
    const authorizers = applied.resources("aws_apigatewayv2_authorizer");
    expect(authorizers.length).toBeGreaterThan(0);
    for (const authorizer of authorizers) {
      expect((authorizer.values.jwt_configuration as Record<string, unknown>[])[0]).toMatchObject({ issuer, audience: [clientId] });
    }

    // The README's first admin: invited with a temporary password, added to the group, then signing in and choosing a password.
    const email = `admin-${randomUUID()}@example.com`;
    const invited = await clients.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        UserAttributes: [
          { Name: "email", Value: email },
          { Name: "email_verified", Value: "true" },
        ],
        TemporaryPassword: "Temporary-pass-2030",
        MessageAction: "SUPPRESS",
      }),
    );
    const sub = invited.User?.Attributes?.find((attribute) => attribute.Name === "sub")?.Value;
    await clients.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: ADMIN_GROUP }));
    const signIn = await clients.cognito.send(
      new AdminInitiateAuthCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: email, PASSWORD: "Temporary-pass-2030" },
      }),
    );
    expect(signIn.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    const chosen = await clients.cognito.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: signIn.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: "Chosen-password-2030" },
      }),
    );
    const tokens = chosen.AuthenticationResult;
    expect(tokens?.AccessToken).toBeTruthy();

    const verifier = createAccessTokenVerifier({ issuer, clientId, jwksUrl: `${moto!.endpoint}/${userPoolId}/.well-known/jwks.json` });
    expect(await verifier.verify(`Bearer ${tokens?.AccessToken}`)).toMatchObject({ ok: true, caller: { sub, groups: [ADMIN_GROUP], clientId } });
    // The ID token is for the app, not the APIs; no token at all is refused too.
    expect(await verifier.verify(`Bearer ${tokens?.IdToken}`)).toMatchObject({ ok: false, reason: "not-an-access-token" });
    expect(await verifier.verify(undefined)).toMatchObject({ ok: false, reason: "missing" });
  });
});
