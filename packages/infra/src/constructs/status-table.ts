import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { UPLOAD_TABLE } from "@video-platform/shared-types";
import { Construct } from "constructs";

export interface StatusTableProps {
  readonly namePrefix: string;
  /** Deletion protection and `prevent_destroy`, for environments whose uploads are real. */
  readonly deletionProtection: boolean;
}

/**
 * `MovieUploadStatus`: one item per upload keyed by its object key, plus the index the paged
 * list reads newest first (every item shares one list partition, sorted by creation time).
 */
export class StatusTable extends Construct {
  readonly table: DynamodbTable;
  readonly name: string;
  readonly arn: string;
  /** ARN of the list index, for `dynamodb:Query` grants. */
  readonly listIndexArn: string;

  constructor(scope: Construct, id: string, props: StatusTableProps) {
    super(scope, id);
    this.table = new DynamodbTable(this, "table", {
      name: `${props.namePrefix}-MovieUploadStatus`,
      billingMode: "PAY_PER_REQUEST",
      hashKey: UPLOAD_TABLE.partitionKey,
      attribute: [
        { name: UPLOAD_TABLE.partitionKey, type: "S" },
        { name: UPLOAD_TABLE.listPartitionKey, type: "S" },
        { name: UPLOAD_TABLE.listSortKey, type: "S" },
      ],
      globalSecondaryIndex: [
        {
          name: UPLOAD_TABLE.listIndexName,
          hashKey: UPLOAD_TABLE.listPartitionKey,
          rangeKey: UPLOAD_TABLE.listSortKey,
          projectionType: "ALL",
        },
      ],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.deletionProtection,
      // Deletion protection stops the API and the console; prevent_destroy stops `terraform destroy` first.
      lifecycle: props.deletionProtection ? { preventDestroy: true } : undefined,
    });
    this.name = this.table.name;
    this.arn = this.table.arn;
    this.listIndexArn = `${this.table.arn}/index/${UPLOAD_TABLE.listIndexName}`;
  }
}
