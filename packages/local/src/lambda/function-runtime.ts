/**
 * The process one function runs in, like a Lambda execution environment: it imports the bundle
 * once (the cold start reads its configuration from this process's environment) and then
 * answers invocations from the parent over IPC. It exits when the parent goes away.
 *
 * Node runs this file as it is, stripping the types (`LocalFunction`): keep it to erasable
 * TypeScript, and import only types from other files of this package.
 */
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import type { InvokeMessage, RuntimeMessage, SerializedError } from "./runtime-protocol.js";

type Handler = (event: unknown, context: Context) => Promise<unknown>;

function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: "Error", message: String(error) };
}

function send(message: RuntimeMessage): void {
  process.send?.(message);
}

function contextFor(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const region = process.env["AWS_REGION"] ?? "us-east-1";
  const unsupported = () => {
    throw new Error("callback-style completion is not supported; return a promise");
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${functionName}`,
    memoryLimitInMB: "256",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

async function main(): Promise<void> {
  const specifier = process.env["LOCAL_FUNCTION_MODULE"];
  const functionName = process.env["AWS_LAMBDA_FUNCTION_NAME"] ?? "function";
  if (!specifier) throw new Error("LOCAL_FUNCTION_MODULE is not set");
  const module = (await import(specifier)) as { handler?: Handler };
  const handler = module.handler;
  if (typeof handler !== "function") throw new Error(`${specifier} exports no handler`);
  process.on("message", (message: InvokeMessage) => {
    if (message.type !== "invoke") return;
    handler(message.event, contextFor(functionName, message.timeoutMs)).then(
      (result) => send({ type: "result", id: message.id, result }),
      (error: unknown) => send({ type: "error", id: message.id, error: serializeError(error) }),
    );
  });
  send({ type: "ready" });
}

process.on("disconnect", () => process.exit(0));
main().catch((error: unknown) => {
  send({ type: "init-error", error: serializeError(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
