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
