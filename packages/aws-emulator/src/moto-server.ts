import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { freeLoopbackPort } from "./free-port.js";

export interface RunningMotoServer {
  /** `http://127.0.0.1:<port>`: an IP, so S3 clients use path-style addressing on their own. */
  readonly endpoint: string;
  readonly port: number;
  /** Credentials and endpoint for the AWS SDK's standard variables; moto accepts any keys. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export interface MotoServerOptions {
  readonly port?: number;
  /** How long to wait for the server to answer, in ms. */
  readonly startTimeoutMs?: number;
  readonly command?: string;
}

export class MotoServerError extends Error {
  override readonly name = "MotoServerError";
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new MotoServerError(`moto_server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new MotoServerError(`moto_server did not answer at ${endpoint} within ${timeoutMs} ms`);
}

/** Where `./setup` installs moto when the machine has none: the repository's own virtual environment. */
const PROJECT_MOTO_SERVER = fileURLToPath(new URL("../../../.tools/moto/bin/moto_server", import.meta.url));

/** `MOTO_SERVER` if set, else the project's own install, else `moto_server` from the PATH. */
export function motoServerCommand(env: Record<string, string | undefined> = process.env): string {
  return env["MOTO_SERVER"] ?? (existsSync(PROJECT_MOTO_SERVER) ? PROJECT_MOTO_SERVER : "moto_server");
}

/** Starts `moto_server` on loopback and resolves once it answers HTTP. */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<RunningMotoServer> {
  const port = options.port ?? (await freeLoopbackPort());
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(options.command ?? motoServerCommand(), ["-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: false,
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const spawnFailure = new Promise<never>((_, reject) => {
    child.once("error", (error) =>
      reject(new MotoServerError(`could not start moto_server (is it installed?): ${error.message}`)),
    );
  });
  try {
    await Promise.race([waitUntilAnswering(endpoint, child, options.startTimeoutMs ?? 20_000), spawnFailure]);
  } catch (error) {
    child.kill("SIGKILL");
    throw new MotoServerError(`${(error as Error).message}\n${stderr}`);
  }

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const forced = sleep(3000).then(() => child.kill("SIGKILL"));
    await Promise.race([exited, forced]);
    await exited;
  };

  return {
    endpoint,
    port,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_REGION: "us-east-1",
    },
    stop,
  };
}

/** Drops every resource moto holds, so one server can serve several test files in turn. */
export async function resetMotoServer(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
  if (!response.ok) throw new MotoServerError(`moto reset failed with HTTP ${response.status}`);
}
