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

/** The index that lists uploads newest first. */
export const LIST_INDEX_NAME = "ByCreatedAt";

/**
 * `MovieUploadStatus`: one item per upload, keyed by its object key. Other attributes belong to
 * the handlers alone.
 */
export const STATUS_TABLE = {
  partitionKey: { name: "FileName", type: "S" },
  indexes: {
    // Every item has the same ListPartition value, so one Query pages through all uploads in order.
    [LIST_INDEX_NAME]: { partitionKey: { name: "ListPartition", type: "S" }, sortKey: { name: "CreatedAt", type: "S" } },
  },
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
