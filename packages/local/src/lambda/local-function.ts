import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { InvokeMessage, RuntimeMessage, SerializedError } from "./runtime-protocol.js";

export interface LocalFunctionOptions {
  readonly name: string;
  /** Module specifier of the bundle, resolved from this package (`@video-platform/handlers/bundles/...`). */
  readonly module: string;
  /** The function's whole environment; nothing is inherited but PATH and HOME. */
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly onLog?: (line: string) => void;
}

/** An invocation that ended in an error, or a runtime that could not start. */
export class FunctionInvocationError extends Error {
  override readonly name = "FunctionInvocationError";
  constructor(
    readonly functionName: string,
    readonly failure: SerializedError,
  ) {
    super(`${functionName}: ${failure.name}: ${failure.message}`);
  }
}

const runtimeEntry = fileURLToPath(new URL("./function-runtime.ts", import.meta.url));
/**
 * The runtime is one TypeScript file with type-only imports, run by Node's own type stripping
 * (on by default from Node 22.18; the flag turns it on in older 22s): no loader to start in every
 * process, which makes a cold start about three times faster than under tsx.
 */
const RUNTIME_NODE_OPTIONS = ["--experimental-strip-types", "--disable-warning=ExperimentalWarning"];

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * A function run as Lambda runs it: in its own process with its own environment, started on the
 * first invocation (cold start) and started again after a crash.
 */
export class LocalFunction {
  private child: ChildProcess | undefined;
  private ready: Promise<ChildProcess> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly options: LocalFunctionOptions) {}

  get name(): string {
    return this.options.name;
  }

  /** Starts the runtime now rather than on the first invocation, so configuration errors show at once. */
  async warm(): Promise<void> {
    await this.start();
  }

  async invoke(event: unknown): Promise<unknown> {
    const child = await this.start();
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new FunctionInvocationError(this.name, { name: "TimeoutError", message: `timed out after ${timeoutMs} ms` }));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const message: InvokeMessage = { type: "invoke", id, event, timeoutMs };
      child.send(message);
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const forced = setTimeout(() => child.kill("SIGKILL"), 2000);
    await exited;
    clearTimeout(forced);
  }

  private start(): Promise<ChildProcess> {
    this.ready ??= new Promise<ChildProcess>((resolve, reject) => {
      const child = fork(runtimeEntry, [], {
        execArgv: RUNTIME_NODE_OPTIONS,
        env: {
          PATH: process.env["PATH"] ?? "/usr/bin:/bin",
          HOME: process.env["HOME"] ?? "/tmp",
          ...this.options.environment,
          AWS_LAMBDA_FUNCTION_NAME: this.name,
          LOCAL_FUNCTION_MODULE: this.options.module,
        },
        cwd: fileURLToPath(new URL("..", import.meta.url)),
        stdio: ["ignore", "pipe", "pipe", "ipc"],
        serialization: "advanced",
      });
      this.child = child;
      const forward = (chunk: Buffer) => {
        for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) this.options.onLog?.(line);
      };
      child.stdout?.on("data", forward);
      child.stderr?.on("data", forward);
      child.on("message", (message: RuntimeMessage) => {
        if (message.type === "ready") resolve(child);
        else if (message.type === "init-error") reject(new FunctionInvocationError(this.name, message.error));
        else this.settle(message);
      });
      child.once("exit", (code, signal) => {
        if (this.child === child) {
          this.child = undefined;
          this.ready = undefined;
        }
        const error = new FunctionInvocationError(this.name, {
          name: "Runtime.ExitError",
          message: `runtime exited (${signal ?? `code ${code}`})`,
        });
        reject(error);
        for (const [id, pending] of this.pending) {
          clearTimeout(pending.timer);
          pending.reject(error);
          this.pending.delete(id);
        }
      });
    });
    return this.ready;
  }

  private settle(message: Extract<RuntimeMessage, { id: number }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.type === "result") pending.resolve(message.result);
    else pending.reject(new FunctionInvocationError(this.name, message.error));
  }
}
