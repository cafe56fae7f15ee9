import { ConditionalCheckFailedException, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { STATUS_RANK, UPLOAD_TABLE, type VideoSummary } from "@video-platform/shared-types";
import { ListPosition } from "../core/page-token.js";
import type { StatusChange } from "../core/status-change.js";
import { conditionalStatusWrite, videoSummaryWrite, type ConditionalStatusWrite } from "../core/status-write.js";
import { UploadRecord } from "../core/upload-record.js";
import type { UploadPage, UploadTable, WriteOutcome } from "../ports/upload-table.js";

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

  /** Records a new upload; refused if the key already exists (it never should: the id is a UUID). */
  async createPending(record: UploadRecord): Promise<WriteOutcome> {
    return this.documents
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: record,
          ConditionExpression: "attribute_not_exists(#fileName)",
          ExpressionAttributeNames: { "#fileName": UPLOAD_TABLE.partitionKey },
        }),
      )
      .then((): WriteOutcome => "applied", refusedOnCondition);
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
    return this.documents
      .send(new UpdateCommand({ TableName: this.tableName, Key: { [UPLOAD_TABLE.partitionKey]: objectKey }, ...write }))
      .then((): WriteOutcome => "applied", refusedOnCondition);
  }

  /** Forgets an upload that never left `PENDING_UPLOAD`; refused once S3 has the object. */
  async deletePending(objectKey: string): Promise<WriteOutcome> {
    return this.documents
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { [UPLOAD_TABLE.partitionKey]: objectKey },
          ConditionExpression: "#rank = :pending",
          ExpressionAttributeNames: { "#rank": "StatusRank" },
          ExpressionAttributeValues: { ":pending": STATUS_RANK.PENDING_UPLOAD },
        }),
      )
      .then((): WriteOutcome => "applied", refusedOnCondition);
  }

  /** One page of uploads, newest first, through the list index. */
  async listNewestFirst(limit: number, after?: ListPosition): Promise<UploadPage> {
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: UPLOAD_TABLE.listIndexName,
        KeyConditionExpression: "#partition = :partition",
        ExpressionAttributeNames: { "#partition": UPLOAD_TABLE.listPartitionKey },
        ExpressionAttributeValues: { ":partition": UPLOAD_TABLE.listPartitionValue },
        ScanIndexForward: false,
        Limit: limit,
        ...(after === undefined ? {} : { ExclusiveStartKey: after }),
      }),
    );
    return {
      records: Items.map((item) => UploadRecord.parse(item)),
      ...(LastEvaluatedKey === undefined ? {} : { next: ListPosition.parse(LastEvaluatedKey) }),
    };
  }
}
