/**
 * `pnpm --filter @video-platform/infra run adopt-uploads -- --table <name> --user-pool <id> --owner-email <e-mail> [--apply]`
 *
 * Uploads recorded before accounts existed have no owner: only admins see them, and nobody's
 * "my uploads" lists them. This gives every such upload to one person of the user pool (the
 * studio's first admin, say), so nothing uploaded before the upgrade is lost from view.
 *
 * Without `--apply` it only lists what it would adopt. With it, each record gets the person's
 * `sub` (the owner index's key) and e-mail, on the condition that it still has no owner: an upload
 * owned or deleted meanwhile is left alone, and running it twice adopts nothing the second time.
 * Options: --region (else AWS_REGION), --endpoint (else the SDK's AWS_ENDPOINT_URL...).
 * Credentials come from the SDK's standard chain.
 */
import { parseArgs } from "node:util";
import { AdminGetUserCommand, CognitoIdentityProviderClient, UserNotFoundException } from "@aws-sdk/client-cognito-identity-provider";
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ResourceNotFoundException,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
} from "@aws-sdk/client-dynamodb";
import { UPLOAD_KEY_PREFIX, UPLOAD_TABLE } from "@video-platform/shared-types";
import { runAsOperatorCommand } from "./operator-command.js";

export class AdoptUploadsError extends Error {
  override readonly name = "AdoptUploadsError";
}

export interface NewOwner {
  readonly sub: string;
  readonly email: string;
}

/** An upload with no owner, as listed for the operator. */
export interface OwnerlessUpload {
  readonly key: string;
  readonly originalFileName?: string;
  readonly status?: string;
  readonly createdAt?: string;
}

export interface AdoptionResult {
  readonly owner: NewOwner;
  readonly ownerless: readonly OwnerlessUpload[];
  /** Adopted by this run (none without `--apply`). */
  readonly adopted: number;
  /** Found ownerless, but owned or deleted by the time they were updated. */
  readonly skipped: number;
}

/** The person the uploads go to, by the e-mail they sign in with (the pool's user name). */
export async function ownerByEmail(cognito: CognitoIdentityProviderClient, userPoolId: string, email: string): Promise<NewOwner> {
  try {
    const { UserAttributes = [] } = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    const sub = UserAttributes.find((attribute) => attribute.Name === "sub")?.Value;
    if (sub === undefined || sub === "") throw new AdoptUploadsError(`user ${email} of pool ${userPoolId} has no sub`);
    return { sub, email };
  } catch (error) {
    if (error instanceof UserNotFoundException) throw new AdoptUploadsError(`no user ${email} in user pool ${userPoolId}: create them first (packages/infra/README.md, "The first admin")`);
    throw error;
  }
}

const text = (item: Record<string, AttributeValue>, name: string) => item[name]?.S;

/** Every upload record without an owner, through all of the table's scan pages. */
export async function ownerlessUploads(dynamodb: DynamoDBClient, tableName: string): Promise<OwnerlessUpload[]> {
  const found: OwnerlessUpload[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  try {
    do {
      const page = await dynamodb.send(
        new ScanCommand({
          TableName: tableName,
          // Upload records only: the per-day usage counters share the table and have no owner attribute either.
          FilterExpression: "attribute_not_exists(#owner) AND begins_with(#key, :uploads)",
          ProjectionExpression: "#key, OriginalFileName, #status, CreatedAt",
          ExpressionAttributeNames: { "#owner": UPLOAD_TABLE.ownerKey, "#key": UPLOAD_TABLE.partitionKey, "#status": "Status" },
          ExpressionAttributeValues: { ":uploads": { S: UPLOAD_KEY_PREFIX } },
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
      );
      for (const item of page.Items ?? []) {
        const key = text(item, UPLOAD_TABLE.partitionKey);
        if (key === undefined) continue;
        const [originalFileName, status, createdAt] = [text(item, "OriginalFileName"), text(item, "Status"), text(item, "CreatedAt")];
        found.push({
          key,
          ...(originalFileName === undefined ? {} : { originalFileName }),
          ...(status === undefined ? {} : { status }),
          ...(createdAt === undefined ? {} : { createdAt }),
        });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  } catch (error) {
    if (error instanceof ResourceNotFoundException) throw new AdoptUploadsError(`table ${tableName} not found: check --table and --region`);
    throw error;
  }
  return found.sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? ""));
}

/** Gives one upload to `owner`, unless it has an owner (or is gone) by now. */
async function adoptOne(dynamodb: DynamoDBClient, tableName: string, key: string, owner: NewOwner): Promise<boolean> {
  try {
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { [UPLOAD_TABLE.partitionKey]: { S: key } },
        UpdateExpression: "SET #owner = :sub, OwnerEmail = :email",
        ConditionExpression: "attribute_exists(#key) AND attribute_not_exists(#owner)",
        ExpressionAttributeNames: { "#owner": UPLOAD_TABLE.ownerKey, "#key": UPLOAD_TABLE.partitionKey },
        ExpressionAttributeValues: { ":sub": { S: owner.sub }, ":email": { S: owner.email } },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function adoptUploads(
  clients: { dynamodb: DynamoDBClient; cognito: CognitoIdentityProviderClient },
  options: { tableName: string; userPoolId: string; ownerEmail: string; apply: boolean },
): Promise<AdoptionResult> {
  const owner = await ownerByEmail(clients.cognito, options.userPoolId, options.ownerEmail);
  const ownerless = await ownerlessUploads(clients.dynamodb, options.tableName);
  let adopted = 0;
  if (options.apply) {
    for (const upload of ownerless) if (await adoptOne(clients.dynamodb, options.tableName, upload.key, owner)) adopted += 1;
  }
  return { owner, ownerless, adopted, skipped: options.apply ? ownerless.length - adopted : 0 };
}

export function report(result: AdoptionResult, applied: boolean): string {
  const { owner, ownerless } = result;
  if (ownerless.length === 0) return "Every upload has an owner: nothing to adopt.";
  const lines = ownerless.map(
    (upload) => `  ${upload.key}  ${upload.status ?? "?"}  ${upload.createdAt ?? "?"}  ${upload.originalFileName ?? ""}`.trimEnd(),
  );
  if (!applied) {
    return [`${ownerless.length} upload(s) have no owner; with --apply they go to ${owner.email} (${owner.sub}):`, ...lines].join("\n");
  }
  return [
    `Gave ${result.adopted} upload(s) to ${owner.email} (${owner.sub}).`,
    ...(result.skipped > 0 ? [`${result.skipped} had an owner or were deleted by then, and were left alone.`] : []),
    ...lines,
  ].join("\n");
}

const USAGE = "usage: adopt-uploads --table <name> --user-pool <id> --owner-email <e-mail> [--apply] [--region <region>] [--endpoint <url>]";

export async function main(argv: readonly string[]): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        table: { type: "string" },
        "user-pool": { type: "string" },
        "owner-email": { type: "string" },
        apply: { type: "boolean", default: false },
        region: { type: "string" },
        endpoint: { type: "string" },
      },
    });
  } catch (error) {
    throw new AdoptUploadsError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values } = parsed;
  if (!values.table || !values["user-pool"] || !values["owner-email"]) throw new AdoptUploadsError(USAGE);
  const config = {
    ...(values.region ? { region: values.region } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  };
  const dynamodb = new DynamoDBClient(config);
  const cognito = new CognitoIdentityProviderClient(config);
  try {
    const result = await adoptUploads(
      { dynamodb, cognito },
      { tableName: values.table, userPoolId: values["user-pool"], ownerEmail: values["owner-email"], apply: values.apply },
    );
    return report(result, values.apply);
  } finally {
    dynamodb.destroy();
    cognito.destroy();
  }
}

runAsOperatorCommand(import.meta.url, main, AdoptUploadsError);
