import { STATUS_RANK, TERMINAL_RANK, UPLOAD_TABLE, isStatusChangeAllowed, type VideoSummary } from "@video-platform/shared-types";
import type { ListPosition } from "../../../src/core/page-token.js";
import type { StatusChange } from "../../../src/core/status-change.js";
import { CHANGE_ATTRIBUTES, SUMMARY_ATTRIBUTES } from "../../../src/core/status-write.js";
import { UploadRecord } from "../../../src/core/upload-record.js";
import type { UploadPage, UploadTable, WriteOutcome } from "../../../src/ports/upload-table.js";

const newestFirst = (a: UploadRecord, b: UploadRecord) =>
  b.CreatedAt.localeCompare(a.CreatedAt) || b.FileName.localeCompare(a.FileName);

/** Whether a record comes after a position in the newest-first order (the position's item may be gone). */
const isAfter = (record: UploadRecord, position: ListPosition) =>
  record.CreatedAt < position.CreatedAt || (record.CreatedAt === position.CreatedAt && record.FileName < position.FileName);

function positionOf(record: UploadRecord): ListPosition {
  return {
    [UPLOAD_TABLE.partitionKey]: record.FileName,
    [UPLOAD_TABLE.listPartitionKey]: record.ListPartition,
    [UPLOAD_TABLE.listSortKey]: record.CreatedAt,
  };
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
    const updated: UploadRecord = {
      ...item,
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

  async deletePending(objectKey: string): Promise<WriteOutcome> {
    if (this.items.get(objectKey)?.StatusRank !== STATUS_RANK.PENDING_UPLOAD) return "refused";
    this.items.delete(objectKey);
    return "applied";
  }

  async listNewestFirst(limit: number, after?: ListPosition): Promise<UploadPage> {
    const remaining = [...this.items.values()].sort(newestFirst).filter((record) => after === undefined || isAfter(record, after));
    const records = remaining.slice(0, limit).map((record) => structuredClone(record));
    const last = records.at(-1);
    return { records, ...(remaining.length > limit && last ? { next: positionOf(last) } : {}) };
  }

  /** Puts a record as it is, bypassing every rule: a test's starting point. */
  put(record: UploadRecord): void {
    this.items.set(record.FileName, UploadRecord.parse(structuredClone(record)));
  }
}
