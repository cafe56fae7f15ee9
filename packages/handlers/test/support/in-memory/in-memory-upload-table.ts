import {
  OWNER_INDEX_NAME,
  STATUS_RANK,
  STATUS_TABLE,
  TERMINAL_RANK,
  UPLOAD_TABLE,
  isStatusChangeAllowed,
  pendingRecordExpiry,
  type VideoSummary,
} from "@video-platform/shared-types";
import type { ListPosition, ListScope } from "../../../src/core/page-token.js";
import { OPEN_UPLOAD_LOOKBACK_SECONDS, isStaleRecord, urlsExpireAtOf } from "../../../src/core/pending-uploads.js";
import type { StatusChange } from "../../../src/core/status-change.js";
import { CHANGE_ATTRIBUTES, SUMMARY_ATTRIBUTES } from "../../../src/core/status-write.js";
import { UploadRecord } from "../../../src/core/upload-record.js";
import type { UploadPage, UploadTable, WriteOutcome } from "../../../src/ports/upload-table.js";

const newestFirst = (a: UploadRecord, b: UploadRecord) =>
  b.CreatedAt.localeCompare(a.CreatedAt) || b.FileName.localeCompare(a.FileName);

/** Whether a record comes after a position in the newest-first order (the position's item may be gone). */
const isAfter = (record: UploadRecord, position: { FileName: string; CreatedAt: string }) =>
  record.CreatedAt < position.CreatedAt || (record.CreatedAt === position.CreatedAt && record.FileName < position.FileName);

const inScope = (record: UploadRecord, scope: ListScope) => (scope.kind === "all" ? true : record.OwnerId === scope.ownerId);

/** Where a page that ended with `record` stopped, as DynamoDB's `LastEvaluatedKey` says it: the scope's index key. */
function positionOf(record: UploadRecord, scope: ListScope): ListPosition {
  const common = { [UPLOAD_TABLE.partitionKey]: record.FileName, [UPLOAD_TABLE.listSortKey]: record.CreatedAt };
  return scope.kind === "all"
    ? { ...common, [UPLOAD_TABLE.listPartitionKey]: UPLOAD_TABLE.listPartitionValue }
    : { ...common, [STATUS_TABLE.indexes[OWNER_INDEX_NAME].partitionKey.name]: scope.ownerId };
}

/**
 * `UploadTable` in memory, for use-case tests without moto. The same contract tests run against
 * it and the DynamoDB adapter (`test/adapters/upload-table.contract.test.ts`), so it cannot
 * drift from what the real table does. Records go in and out as copies, as through a database.
 */
export class InMemoryUploadTable implements UploadTable {
  private readonly items = new Map<string, UploadRecord>();

  async createPending(record: UploadRecord): Promise<WriteOutcome> {
    if (this.items.has(record.FileName)) return "refused";
    this.items.set(record.FileName, UploadRecord.parse(structuredClone(record)));
    return "applied";
  }

  async get(objectKey: string): Promise<UploadRecord | undefined> {
    const item = this.items.get(objectKey);
    return item === undefined ? undefined : structuredClone(item);
  }

  async applyStatusChange(objectKey: string, change: StatusChange, now = new Date()): Promise<WriteOutcome> {
    const item = this.items.get(objectKey);
    const next = { status: change.status, progress: change.progress ?? 0 };
    if (item === undefined || !isStatusChangeAllowed({ status: item.Status, progress: item.Progress }, next)) return "refused";
    const { UrlsExpireAt: _urls, ExpiresAt: _expiry, ...kept } = item;
    const updated: UploadRecord = {
      ...kept,
      Status: change.status,
      StatusRank: STATUS_RANK[change.status],
      UpdatedAt: now.toISOString(),
      ...(change.progress === undefined ? {} : { Progress: change.progress }),
    };
    for (const [member, attribute] of Object.entries(CHANGE_ATTRIBUTES)) {
      const value = change[member as keyof typeof CHANGE_ATTRIBUTES];
      if (value !== undefined) Object.assign(updated, { [attribute]: value });
    }
    this.items.set(objectKey, updated);
    return "applied";
  }

  async recordVideo(objectKey: string, summary: VideoSummary, now = new Date()): Promise<WriteOutcome> {
    const item = this.items.get(objectKey);
    if (item === undefined || item.StatusRank >= TERMINAL_RANK) return "refused";
    const updated: UploadRecord = { ...item, UpdatedAt: now.toISOString() };
    for (const [member, attribute] of Object.entries(SUMMARY_ATTRIBUTES)) {
      Object.assign(updated, { [attribute]: structuredClone(summary[member as keyof VideoSummary]) });
    }
    this.items.set(objectKey, UploadRecord.parse(updated));
    return "applied";
  }

  async extendPending(objectKey: string, urlsExpireAt: Date): Promise<WriteOutcome> {
    const item = this.items.get(objectKey);
    if (item?.StatusRank !== STATUS_RANK.PENDING_UPLOAD) return "refused";
    this.items.set(objectKey, { ...item, UrlsExpireAt: urlsExpireAt.toISOString(), ExpiresAt: pendingRecordExpiry(urlsExpireAt) });
    return "applied";
  }

  async deletePending(objectKey: string): Promise<WriteOutcome> {
    if (this.items.get(objectKey)?.StatusRank !== STATUS_RANK.PENDING_UPLOAD) return "refused";
    this.items.delete(objectKey);
    return "applied";
  }

  async delete(objectKey: string): Promise<WriteOutcome> {
    return this.items.delete(objectKey) ? "applied" : "refused";
  }

  async listNewestFirst(scope: ListScope, limit: number, now: Date, after?: ListPosition): Promise<UploadPage> {
    const remaining = [...this.items.values()]
      .filter((record) => inScope(record, scope) && !isStaleRecord(record, now))
      .sort(newestFirst)
      .filter((record) => after === undefined || isAfter(record, after));
    const records = remaining.slice(0, limit).map((record) => structuredClone(record));
    const last = records.at(-1);
    return { records, ...(remaining.length > limit && last ? { next: positionOf(last, scope) } : {}) };
  }

  async openUploadsOf(ownerId: string, now: Date, max: number): Promise<Date[]> {
    const since = new Date(now.getTime() - OPEN_UPLOAD_LOOKBACK_SECONDS * 1000).toISOString();
    return [...this.items.values()]
      .filter((record) => record.OwnerId === ownerId && record.CreatedAt >= since)
      .filter((record) => record.Status === "PENDING_UPLOAD" && !isStaleRecord(record, now))
      .sort(newestFirst)
      .slice(0, max)
      .map(urlsExpireAtOf);
  }

  /** Puts a record as it is, bypassing every rule: a test's starting point. */
  put(record: UploadRecord): void {
    this.items.set(record.FileName, UploadRecord.parse(structuredClone(record)));
  }
}
