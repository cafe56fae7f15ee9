import { ConditionalCheckFailedException, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { UPLOAD_TABLE } from "@video-platform/shared-types";
import { USAGE_BYTES_ATTRIBUTE, USAGE_TTL_ATTRIBUTE, dailyUsageExpiry, dailyUsageKey } from "../core/daily-usage.js";
import type { ByteReservation, UploadUsage } from "../ports/upload-usage.js";

/**
 * `UploadUsage` as counter items of the status table. The reservation is one conditional `ADD`:
 * DynamoDB applies it only while the stored count leaves room, so concurrent creates are
 * serialized by the item itself, and a refusal returns the count that refused it.
 */
export class DynamoDbUploadUsage implements UploadUsage {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    dynamodb: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = DynamoDBDocumentClient.from(dynamodb);
  }

  async reserveDailyBytes(ownerId: string, day: string, bytes: number, limit: number): Promise<ByteReservation> {
    if (bytes > limit) return { reserved: false, bytesStartedToday: await this.startedOn(ownerId, day) };
    try {
      await this.documents.send(
        new UpdateCommand({
          ...this.counter(ownerId, day),
          UpdateExpression: "ADD #bytes :bytes SET #expiresAt = :expiresAt",
          ConditionExpression: "attribute_not_exists(#bytes) OR #bytes <= :room",
          ExpressionAttributeNames: { "#bytes": USAGE_BYTES_ATTRIBUTE, "#expiresAt": USAGE_TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ":bytes": bytes, ":room": limit - bytes, ":expiresAt": dailyUsageExpiry(day) },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return { reserved: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const started = error.Item?.[USAGE_BYTES_ATTRIBUTE]?.N;
      return { reserved: false, bytesStartedToday: started === undefined ? await this.startedOn(ownerId, day) : Number(started) };
    }
  }

  async releaseDailyBytes(ownerId: string, day: string, bytes: number): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        ...this.counter(ownerId, day),
        UpdateExpression: "ADD #bytes :negative",
        ConditionExpression: "attribute_exists(#bytes)",
        ExpressionAttributeNames: { "#bytes": USAGE_BYTES_ATTRIBUTE },
        ExpressionAttributeValues: { ":negative": -bytes },
      }),
    ).catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }

  private counter(ownerId: string, day: string): { TableName: string; Key: Record<string, string> } {
    return { TableName: this.tableName, Key: { [UPLOAD_TABLE.partitionKey]: dailyUsageKey(ownerId, day) } };
  }

  /** The stored count, read only to word a refusal. */
  private async startedOn(ownerId: string, day: string): Promise<number> {
    const { Item } = await this.documents.send(
      new GetCommand({ ...this.counter(ownerId, day), ConsistentRead: true }),
    );
    return Number(Item?.[USAGE_BYTES_ATTRIBUTE] ?? 0);
  }
}
