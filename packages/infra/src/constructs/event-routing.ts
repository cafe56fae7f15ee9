import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import type { EventRule, FunctionName, PlatformResources } from "@video-platform/shared-types";
import { Construct } from "constructs";
import { deadLetterQueue, type PlatformFunction } from "./platform-function.js";
import { policyDocument } from "./policy-document.js";

export interface EventRoutingProps {
  readonly namePrefix: string;
  /** The topology's event rules. */
  readonly rules: readonly EventRule[];
  /** What the rules' patterns are built from. */
  readonly resources: PlatformResources;
  /** The functions the rules target. */
  readonly functions: Partial<Readonly<Record<FunctionName, PlatformFunction>>>;
}

export class MissingTargetFunctionError extends Error {
  override readonly name = "MissingTargetFunctionError";
}

/** EventBridge retries a failed delivery for up to a day before the event goes to the dead letters. */
export const EVENT_DELIVERY_RETRY = { maximumRetryAttempts: 20, maximumEventAgeInSeconds: 24 * 3600 } as const;

/**
 * The topology's event rules on the default bus: each rule with its pattern, each target with
 * bounded retries and a dead-letter queue, and a grant that lets that rule, and no other, invoke
 * that function.
 */
export class EventRouting extends Construct {
  /** The rules, by their topology name. */
  readonly rules: Readonly<Record<string, CloudwatchEventRule>>;
  /** Events EventBridge could not deliver to a function. */
  readonly deadLetterQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: EventRoutingProps) {
    super(scope, id);
    const { namePrefix } = props;
    this.deadLetterQueue = deadLetterQueue(this, "EventDeadLetters", `${namePrefix}-vod-events-dlq`);

    const rules: Record<string, CloudwatchEventRule> = {};
    for (const rule of props.rules) {
      const eventRule = new CloudwatchEventRule(this, rule.name, {
        name: `${namePrefix}-${rule.name}`,
        description: rule.description,
        eventPattern: JSON.stringify(rule.pattern(props.resources)),
      });
      rules[rule.name] = eventRule;
      for (const target of rule.targets) {
        const fn = props.functions[target];
        if (!fn) throw new MissingTargetFunctionError(`rule ${rule.name} targets ${target}, which was not given`);
        new CloudwatchEventTarget(this, `${rule.name}-${target}`, {
          rule: eventRule.name,
          targetId: target,
          arn: fn.arn,
          deadLetterConfig: { arn: this.deadLetterQueue.arn },
          retryPolicy: EVENT_DELIVERY_RETRY,
        });
        new LambdaPermission(this, `${rule.name}-${target}-invoke`, {
          statementId: `AllowEventBridge-${rule.name}`,
          action: "lambda:InvokeFunction",
          functionName: fn.functionName,
          principal: "events.amazonaws.com",
          sourceArn: eventRule.arn,
        });
      }
    }
    this.rules = rules;

    new SqsQueuePolicy(this, "EventDeadLettersPolicy", {
      queueUrl: this.deadLetterQueue.url,
      policy: policyDocument(this, "EventDeadLettersPolicyDocument", [
        {
          sid: "EventBridgeDeadLetters",
          actions: ["sqs:SendMessage"],
          resources: [this.deadLetterQueue.arn],
          principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
          conditions: [{ test: "ArnEquals", variable: "aws:SourceArn", values: Object.values(rules).map((rule) => rule.arn) }],
        },
      ]).json,
    });
  }
}
