import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { keyAttributesOf, type TableDefinition } from "@video-platform/shared-types";
import { Construct } from "constructs";

export interface StatusTableProps {
  readonly namePrefix: string;
  /** Deletion protection and `prevent_destroy`, for environments whose uploads are real. */
  readonly deletionProtection: boolean;
  /** Keys, indexes and expiry: the topology's `statusTable`. */
  readonly definition: TableDefinition;
}

/** `MovieUploadStatus`: the topology's status table, on demand, with point-in-time recovery and encryption. */
export class StatusTable extends Construct {
  readonly table: DynamodbTable;
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: StatusTableProps) {
    super(scope, id);
    const { definition } = props;
    const expiry = definition.timeToLiveAttribute;
    this.table = new DynamodbTable(this, "table", {
      name: `${props.namePrefix}-MovieUploadStatus`,
      billingMode: "PAY_PER_REQUEST",
      hashKey: definition.partitionKey.name,
      rangeKey: definition.sortKey?.name,
      attribute: keyAttributesOf(definition).map((key) => ({ name: key.name, type: key.type })),
      globalSecondaryIndex: Object.entries(definition.indexes).map(([name, index]) => ({
        name,
        hashKey: index.partitionKey.name,
        rangeKey: index.sortKey?.name,
        projectionType: "ALL",
      })),
      ttl: expiry === undefined ? undefined : { attributeName: expiry, enabled: true },
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.deletionProtection,
      // Deletion protection stops the API and the console; prevent_destroy stops `terraform destroy` first.
      lifecycle: props.deletionProtection ? { preventDestroy: true } : undefined,
    });
    this.name = this.table.name;
    this.arn = this.table.arn;
  }

  /** ARN of one of the table's indexes, for `dynamodb:Query` grants. */
  indexArn(indexName: string): string {
    return `${this.table.arn}/index/${indexName}`;
  }
}
