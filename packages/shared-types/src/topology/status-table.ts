/** A key attribute of a DynamoDB table or index: its name and scalar type. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: "S" | "N" | "B";
}

/** A global secondary index; it projects every attribute. */
export interface TableIndex {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Global secondary indexes, by name. */
  readonly indexes: Readonly<Record<string, TableIndex>>;
  /** An attribute holding epoch seconds after which DynamoDB deletes the item; no expiry when absent. */
  readonly timeToLiveAttribute?: string;
}

/** The index that lists every upload newest first (the admins' view). */
export const LIST_INDEX_NAME = "ByCreatedAt";
/** The index that lists one owner's uploads newest first ("my videos"). */
export const OWNER_INDEX_NAME = "ByOwner";

/**
 * `MovieUploadStatus`: one item per upload, keyed by its object key. Other attributes belong to
 * the handlers alone.
 */
export const STATUS_TABLE = {
  partitionKey: { name: "FileName", type: "S" },
  indexes: {
    // Every upload has the same ListPartition value, so one Query pages through all uploads in
    // order. One partition takes about 1,000 writes a second: uploads and their status changes
    // stay orders of magnitude below that, so the admins' view needs no sharding (README).
    [LIST_INDEX_NAME]: { partitionKey: { name: "ListPartition", type: "S" }, sortKey: { name: "CreatedAt", type: "S" } },
    // Each person's uploads in their own partition: "my videos" reads one Query, never a Scan.
    [OWNER_INDEX_NAME]: { partitionKey: { name: "OwnerId", type: "S" }, sortKey: { name: "CreatedAt", type: "S" } },
  },
  // Epoch seconds set on records still waiting for their file (and on usage counters); DynamoDB
  // deletes them after it (pending-expiry.ts).
  timeToLiveAttribute: "ExpiresAt",
} as const satisfies TableDefinition;

/** Every key of the table and of its indexes, in order, as often as each is used. */
export function keyUsesOf(table: TableDefinition): KeyAttribute[] {
  const keys = [table.partitionKey, table.sortKey, ...Object.values(table.indexes).flatMap((index) => [index.partitionKey, index.sortKey])];
  return keys.filter((key): key is KeyAttribute => key !== undefined);
}

/** Every key attribute of the table and its indexes, once each, in order of first use. */
export function keyAttributesOf(table: TableDefinition): KeyAttribute[] {
  const byName = new Map<string, KeyAttribute>();
  for (const key of keyUsesOf(table)) if (!byName.has(key.name)) byName.set(key.name, key);
  return [...byName.values()];
}
