import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaFunctionEventInvokeConfig } from "@cdktf/provider-aws/lib/lambda-function-event-invoke-config";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import {
  functionRuntimeEnvironment,
  LAMBDA_HANDLER_ENTRY,
  type FunctionEnvironment,
  type FunctionName,
} from "@video-platform/shared-types";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { accountOf } from "./arn.js";
import { policyDocument, serviceTrustPolicy, type PolicyStatement } from "./policy-document.js";

export const LAMBDA_RUNTIME = "nodejs22.x";
export const LAMBDA_ARCHITECTURE = "arm64";
/** Failed messages are kept as long as SQS allows, so that nothing is lost over a long weekend. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

/** A dead-letter queue as the platform keeps them: encrypted, each message kept as long as SQS allows. */
export function deadLetterQueue(scope: Construct, id: string, name: string): SqsQueue {
  return new SqsQueue(scope, id, { name, messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS, sqsManagedSseEnabled: true });
}

export interface AsyncInvocationLimits {
  readonly maximumRetryAttempts: 0 | 1 | 2;
  readonly maximumEventAgeSeconds: number;
}

export interface PlatformFunctionProps<N extends FunctionName> {
  readonly functionName: N;
  readonly namePrefix: string;
  /** The bundle turbo built (`packages/handlers/dist/<artifact>.zip`). */
  readonly artifactZip: string;
  /** From the topology's environment builder of this function. */
  readonly environment: FunctionEnvironment<N>;
  /** What the function calls, on what; its logs and dead-letter queue are granted here. */
  readonly statements: readonly PolicyStatement[];
  readonly logRetentionDays: number;
  readonly memorySize?: number;
  readonly timeoutSeconds?: number;
  /**
   * For functions invoked asynchronously (EventBridge): bounded retries and event age, and a
   * dead-letter queue for what still fails. A function only ever invoked synchronously (behind
   * an API) gets none: Lambda sends nothing to a dead-letter queue on a synchronous invocation.
   */
  readonly asyncInvocation?: AsyncInvocationLimits;
}

/**
 * One Lambda function as the platform runs them: its own role with only the grants passed in,
 * its own log group with retention, and, when invoked asynchronously, its own dead-letter queue.
 */
export class PlatformFunction<N extends FunctionName = FunctionName> extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  /** Only for asynchronously invoked functions. */
  readonly deadLetterQueue: SqsQueue | undefined;
  readonly functionName: string;
  readonly arn: string;
  readonly invokeArn: string;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps<N>) {
    super(scope, id);
    const functionName = `${props.namePrefix}-${props.functionName}`;

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/aws/lambda/${functionName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.deadLetterQueue = props.asyncInvocation ? deadLetterQueue(this, "dead-letters", `${functionName}-dlq`) : undefined;

    this.role = new IamRole(this, "role", {
      name: `${functionName}-role`,
      assumeRolePolicy: serviceTrustPolicy(this, "trust", "lambda.amazonaws.com", accountOf(this.logGroup.arn)).json,
    });
    const permissions = policyDocument(this, "permissions", [
      {
        sid: "WriteOwnLogs",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [`${this.logGroup.arn}:*`],
      },
      ...(this.deadLetterQueue ? [{ sid: "DeadLetters", actions: ["sqs:SendMessage"], resources: [this.deadLetterQueue.arn] }] : []),
      ...props.statements,
    ]);
    const rolePolicy = new IamRolePolicy(this, "policy", {
      name: "least-privilege",
      role: this.role.id,
      policy: permissions.json,
    });

    const code = new TerraformAsset(this, "code", { path: props.artifactZip, type: AssetType.FILE });
    this.function = new LambdaFunction(this, "function", {
      functionName,
      role: this.role.arn,
      runtime: LAMBDA_RUNTIME,
      architectures: [LAMBDA_ARCHITECTURE],
      handler: LAMBDA_HANDLER_ENTRY,
      filename: code.path,
      sourceCodeHash: createHash("sha256").update(readFileSync(props.artifactZip)).digest("base64"),
      memorySize: props.memorySize ?? 256,
      timeout: props.timeoutSeconds ?? 10,
      environment: {
        variables: { ...props.environment, ...functionRuntimeEnvironment(props.functionName, "INFO") },
      },
      deadLetterConfig: this.deadLetterQueue ? { targetArn: this.deadLetterQueue.arn } : undefined,
      // The log group must exist first, or Lambda creates one without retention.
      dependsOn: [this.logGroup, rolePolicy],
    });
    this.functionName = this.function.functionName;
    this.arn = this.function.arn;
    this.invokeArn = this.function.invokeArn;

    if (props.asyncInvocation) {
      new LambdaFunctionEventInvokeConfig(this, "async", {
        functionName: this.function.functionName,
        maximumRetryAttempts: props.asyncInvocation.maximumRetryAttempts,
        maximumEventAgeInSeconds: props.asyncInvocation.maximumEventAgeSeconds,
      });
    }
  }
}
