import { ConditionalCheckFailedException, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import {
  PRESIGNED_URL_TTL_SECONDS,
  STATUS_RANK,
  STATUS_TABLE,
  UPLOAD_TABLE,
  pendingRecordExpiry,
  type VideoSummary,
} from "@video-platform/shared-types";
import { ListPosition, type ListScope } from "../core/page-token.js";
import { OPEN_UPLOAD_LOOKBACK_SECONDS, urlsExpireAtOf } from "../core/pending-uploads.js";
import type { StatusChange } from "../core/status-change.js";
import { conditionalStatusWrite, videoSummaryWrite, type ConditionalStatusWrite } from "../core/status-write.js";
import { UploadRecord } from "../core/upload-record.js";
import type { UploadPage, UploadTable, WriteOutcome } from "../ports/upload-table.js";

const OWNER_KEY = UPLOAD_TABLE.ownerKey;

/** Reads one page may take to fill itself past filtered-out (stale) records before it answers short. */
const MAX_READS_PER_PAGE = 5;

/**
 * `isStaleRecord` (core/pending-uploads.ts) as DynamoDB filters: pending, and its URLs expired
 * (`:now`), or, for a record from before `UrlsExpireAt` was stored, created a URL lifetime ago.
 */
const STALE = "(#status = :pending AND (#urlsExpireAt <= :now OR (attribute_not_exists(#urlsExpireAt) AND #createdAt <= :legacyStale)))";
const NOT_STALE = `NOT ${STALE}`;
const OPEN_PENDING = `#status = :pending AND NOT ${STALE}`;

function withFilter(
  filter: string,
  now: Date,
  names: Record<string, string> = {},
  values: Record<string, unknown> = {},
): { FilterExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> } {
  return {
    FilterExpression: filter,
    ExpressionAttributeNames: { ...names, "#status": "Status", "#urlsExpireAt": "UrlsExpireAt", "#createdAt": UPLOAD_TABLE.listSortKey },
    ExpressionAttributeValues: {
      ...values,
      ":pending": "PENDING_UPLOAD",
      ":now": now.toISOString(),
      ":legacyStale": new Date(now.getTime() - PRESIGNED_URL_TTL_SECONDS * 1000).toISOString(),
    },
  };
}

/** The index a scope's list reads, and its partition there. */
function indexOf(scope: ListScope): { name: string; key: string; value: string } {
  return scope.kind === "all"
    ? { name: UPLOAD_TABLE.listIndexName, key: UPLOAD_TABLE.listPartitionKey, value: UPLOAD_TABLE.listPartitionValue }
    : { name: UPLOAD_TABLE.ownerIndexName, key: OWNER_KEY, value: scope.ownerId };
}

/** A failed condition is DynamoDB's way of saying "refused"; every other error stays one. */
function refusedOnCondition(error: unknown): WriteOutcome {
  if (error instanceof ConditionalCheckFailedException) return "refused";
  throw error;
}

/**
 * `UploadTable` on the `MovieUploadStatus` DynamoDB table. The status rule is enforced inside
 * DynamoDB (a condition expression), so two writers racing cannot both win.
 */
export class DynamoDbUploadTable implements UploadTable {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    dynamodb: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** Sends one conditional write; a failed condition is "refused". */
  private write(command: PutCommand | UpdateCommand | DeleteCommand): Promise<WriteOutcome> {
    // One call site for three command types: the document client's overloads take them one by one.
    const sent = this.documents.send(command as UpdateCommand) as Promise<unknown>;
    return sent.then((): WriteOutcome => "applied", refusedOnCondition);
  }

  /** Records a new upload; refused if the key already exists (it never should: the id is a UUID). */
  async createPending(record: UploadRecord): Promise<WriteOutcome> {
    return this.write(
      new PutCommand({
        TableName: this.tableName,
        Item: record,
        ConditionExpression: "attribute_not_exists(#fileName)",
        ExpressionAttributeNames: { "#fileName": UPLOAD_TABLE.partitionKey },
      }),
    );
  }

  async get(objectKey: string): Promise<UploadRecord | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [UPLOAD_TABLE.partitionKey]: objectKey },
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : UploadRecord.parse(Item);
  }

  /** Applies a status change if the status rule allows it against what is stored right now. */
  async applyStatusChange(objectKey: string, change: StatusChange, now = new Date()): Promise<WriteOutcome> {
    return this.conditionalUpdate(objectKey, conditionalStatusWrite(change, now));
  }

  /** Stores what the upload's job will make, unless the upload is unknown or finished. */
  async recordVideo(objectKey: string, summary: VideoSummary, now = new Date()): Promise<WriteOutcome> {
    return this.conditionalUpdate(objectKey, videoSummaryWrite(summary, now));
  }

  private conditionalUpdate(objectKey: string, write: ConditionalStatusWrite): Promise<WriteOutcome> {
    return this.write(new UpdateCommand({ TableName: this.tableName, Key: { [UPLOAD_TABLE.partitionKey]: objectKey }, ...write }));
  }

  /** Forgets an upload that never left `PENDING_UPLOAD`; refused once S3 has the object. */
  async deletePending(objectKey: string): Promise<WriteOutcome> {
    return this.write(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { [UPLOAD_TABLE.partitionKey]: objectKey },
        ConditionExpression: "#rank = :pending",
        ExpressionAttributeNames: { "#rank": "StatusRank" },
        ExpressionAttributeValues: { ":pending": STATUS_RANK.PENDING_UPLOAD },
      }),
    );
  }

  /** Forgets an upload whatever its status; refused when there is none. */
  async delete(objectKey: string): Promise<WriteOutcome> {
    return this.write(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { [UPLOAD_TABLE.partitionKey]: objectKey },
        ConditionExpression: "attribute_exists(#fileName)",
        ExpressionAttributeNames: { "#fileName": UPLOAD_TABLE.partitionKey },
      }),
    );
  }

  /** New URLs were handed out: the record stays pending (and alive) until they expire. */
  async extendPending(objectKey: string, urlsExpireAt: Date): Promise<WriteOutcome> {
    return this.write(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { [UPLOAD_TABLE.partitionKey]: objectKey },
        UpdateExpression: "SET #urlsExpireAt = :urlsExpireAt, #expiresAt = :expiresAt",
        ConditionExpression: "#rank = :pending",
        ExpressionAttributeNames: {
          "#rank": "StatusRank",
          "#urlsExpireAt": "UrlsExpireAt",
          "#expiresAt": STATUS_TABLE.timeToLiveAttribute,
        },
        ExpressionAttributeValues: {
          ":pending": STATUS_RANK.PENDING_UPLOAD,
          ":urlsExpireAt": urlsExpireAt.toISOString(),
          ":expiresAt": pendingRecordExpiry(urlsExpireAt),
        },
      }),
    );
  }

  /**
   * One page of the scope's uploads, newest first, through its index. Stale pending records are
   * filtered inside DynamoDB, which applies `Limit` before the filter: a page is filled from up to
   * `MAX_READS_PER_PAGE` reads, and the next one resumes where DynamoDB stopped reading.
   */
  async listNewestFirst(scope: ListScope, limit: number, now: Date, after?: ListPosition): Promise<UploadPage> {
    const index = indexOf(scope);
    const records: UploadRecord[] = [];
    let startKey: Record<string, unknown> | undefined = after;
    for (let reads = 0; reads < MAX_READS_PER_PAGE; reads++) {
      const { Items = [], LastEvaluatedKey } = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: "#partition = :partition",
          ...withFilter(NOT_STALE, now, { "#partition": index.key }, { ":partition": index.value }),
          ScanIndexForward: false,
          Limit: limit - records.length,
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
      );
      records.push(...Items.map((item) => UploadRecord.parse(item)));
      startKey = LastEvaluatedKey;
      if (startKey === undefined || records.length >= limit) break;
    }
    // Where DynamoDB stopped reading (past every record returned and filtered out). A full page
    // may be the last one; the next, empty, page then says so.
    return { records, ...(startKey === undefined ? {} : { next: ListPosition.parse(startKey) }) };
  }

  async openUploadsOf(ownerId: string, now: Date, max: number): Promise<Date[]> {
    const since = new Date(now.getTime() - OPEN_UPLOAD_LOOKBACK_SECONDS * 1000).toISOString();
    const open: Date[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: UPLOAD_TABLE.ownerIndexName,
          KeyConditionExpression: "#owner = :owner AND #createdAt >= :since",
          ...withFilter(OPEN_PENDING, now, { "#owner": OWNER_KEY, "#createdAt": UPLOAD_TABLE.listSortKey }, { ":owner": ownerId, ":since": since }),
          ScanIndexForward: false,
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
      );
      open.push(...Items.map((item) => urlsExpireAtOf(UploadRecord.parse(item))));
      startKey = LastEvaluatedKey;
    } while (startKey !== undefined && open.length < max);
    return open.slice(0, max);
  }
}
