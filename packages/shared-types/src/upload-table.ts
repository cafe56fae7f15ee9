import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { LIST_INDEX_NAME, OWNER_INDEX_NAME, STATUS_TABLE, keyAttributesOf, type TableDefinition } from "./topology/status-table.js";

const listIndex = STATUS_TABLE.indexes[LIST_INDEX_NAME];

/**
 * The status table's key names as the handlers read and write them; the table itself (keys,
 * indexes, expiry) is the topology's `STATUS_TABLE`.
 */
export const UPLOAD_TABLE = {
  /** Partition key: the upload's S3 object key, `uploads/<uploadId>`. */
  partitionKey: STATUS_TABLE.partitionKey.name,
  /** Global secondary index that lists uploads newest first. */
  listIndexName: LIST_INDEX_NAME,
  listPartitionKey: listIndex.partitionKey.name,
  /** Every item has this value in `listPartitionKey`, so one Query pages through all uploads in order. */
  listPartitionValue: "upload",
  listSortKey: listIndex.sortKey.name,
  /** Global secondary index that lists one owner's uploads newest first (same sort key). */
  ownerIndexName: OWNER_INDEX_NAME,
  ownerKey: STATUS_TABLE.indexes[OWNER_INDEX_NAME].partitionKey.name,
} as const;

/** A table definition as a DynamoDB `CreateTable` request (expiry is a separate `UpdateTimeToLive`). */
export function createTableInput(table: TableDefinition, tableName: string): CreateTableCommandInput {
  const keySchema = (partitionKey: { name: string }, sortKey?: { name: string }) => [
    { AttributeName: partitionKey.name, KeyType: "HASH" as const },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: "RANGE" as const }] : []),
  ];
  const indexes = Object.entries(table.indexes);
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: keyAttributesOf(table).map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    ...(indexes.length > 0
      ? {
          GlobalSecondaryIndexes: indexes.map(([name, index]) => ({
            IndexName: name,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: "ALL" as const },
          })),
        }
      : {}),
  };
}

/** The platform's status table as a `CreateTable` request, for handler tests against the emulator. */
export function uploadTableCreateInput(tableName: string): CreateTableCommandInput {
  return createTableInput(STATUS_TABLE, tableName);
}
