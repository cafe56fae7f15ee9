import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The key schema of the `MovieUploadStatus` table, shared by infra (which creates it) and the
 * handlers (which read and write it). Other attributes belong to the handlers alone.
 */
export const UPLOAD_TABLE = {
  /** Partition key: the upload's S3 object key, `uploads/<uploadId>`. */
  partitionKey: "FileName",
  /** Global secondary index that lists uploads newest first. */
  listIndexName: "ByCreatedAt",
  /** Every item has the same value here, so one Query pages through all uploads in order. */
  listPartitionKey: "ListPartition",
  listPartitionValue: "upload",
  listSortKey: "CreatedAt",
} as const;

/**
 * The table as a `CreateTable` request: what the handler tests and the local platform create in
 * the emulator, with the same keys and index infra gives the real one.
 */
export function uploadTableCreateInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: UPLOAD_TABLE.partitionKey, AttributeType: "S" },
      { AttributeName: UPLOAD_TABLE.listPartitionKey, AttributeType: "S" },
      { AttributeName: UPLOAD_TABLE.listSortKey, AttributeType: "S" },
    ],
    KeySchema: [{ AttributeName: UPLOAD_TABLE.partitionKey, KeyType: "HASH" }],
    GlobalSecondaryIndexes: [
      {
        IndexName: UPLOAD_TABLE.listIndexName,
        KeySchema: [
          { AttributeName: UPLOAD_TABLE.listPartitionKey, KeyType: "HASH" },
          { AttributeName: UPLOAD_TABLE.listSortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  };
}
