import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

export const packageDir = join(import.meta.dirname, "..");

export interface SummarizeRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `summarize` as the workflows do, from the package folder; `INIT_CWD` unset unless given. */
export async function summarize(args: string[], env: NodeJS.ProcessEnv = {}): Promise<SummarizeRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: packageDir,
      env: { ...process.env, INIT_CWD: "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/** Calls `use` with a fresh temporary folder, removed afterwards whatever happens. */
export async function inTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "plan-summary-"));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
