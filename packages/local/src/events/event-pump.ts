import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { setTimeout as sleep } from "node:timers/promises";
import { undoMotoS3EventDeviations } from "./moto-event-fixes.js";

/** One queue and the function its rule target stands for. */
export interface PumpRoute {
  readonly queueUrl: string;
  readonly describe: string;
  readonly invoke: (event: unknown) => Promise<unknown>;
}

export interface EventPumpOptions {
  readonly sqs: SQSClient;
  readonly routes: readonly PumpRoute[];
  /** How soon a failed event is offered again. */
  readonly retryDelaySeconds?: number;
  readonly log?: (line: string) => void;
}

export interface RunningEventPump {
  stop(): Promise<void>;
}

/**
 * Drains each rule target's queue into its function, as EventBridge invokes a Lambda target:
 * one event per invocation, deleted only once the function succeeded, offered again after a
 * short delay otherwise (the queue's redrive policy ends the retries).
 */
export function startEventPump(options: EventPumpOptions): RunningEventPump {
  const stopping = new AbortController();
  const log = options.log ?? (() => undefined);
  const retryDelay = options.retryDelaySeconds ?? 2;

  async function deliver(route: PumpRoute, message: Message): Promise<void> {
    const receipt = message.ReceiptHandle ?? "";
    try {
      const event = undoMotoS3EventDeviations(JSON.parse(message.Body ?? "null"), message.MessageId ?? "");
      await route.invoke(event);
      await options.sqs.send(new DeleteMessageCommand({ QueueUrl: route.queueUrl, ReceiptHandle: receipt }));
    } catch (error) {
      if (stopping.signal.aborted) return;
      log(`event pump: ${route.describe} failed, will retry: ${(error as Error).message}`);
      await options.sqs
        .send(new ChangeMessageVisibilityCommand({ QueueUrl: route.queueUrl, ReceiptHandle: receipt, VisibilityTimeout: retryDelay }))
        .catch(() => undefined);
    }
  }

  async function drain(route: PumpRoute): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        const batch = await options.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: route.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 60 }),
          { abortSignal: stopping.signal },
        );
        // Events of one queue are independent; EventBridge invokes for them concurrently too.
        await Promise.all((batch.Messages ?? []).map((message) => deliver(route, message)));
      } catch (error) {
        if (stopping.signal.aborted) return;
        log(`event pump: cannot read ${route.describe}: ${(error as Error).message}`);
        await sleep(500);
      }
    }
  }

  const loops = options.routes.map(drain);
  return {
    stop: async () => {
      stopping.abort();
      await Promise.all(loops);
    },
  };
}
