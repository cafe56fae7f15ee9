import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFailed } from "vitest";
import { startLocalPlatform, type LocalPlatform, type LocalPlatformOptions } from "../../src/index.js";
import { launchTestBrowser, type TestBrowser } from "./browser.js";

/** One local platform, one browser, and a scratch folder: what every end-to-end file sets up. */
export interface E2eWorld {
  readonly platform: LocalPlatform;
  readonly browser: TestBrowser;
  readonly workDir: string;
  /** What the platform logged, shown when a test fails. */
  readonly logs: string[];
  /** Prints the platform's log if the running test fails: call it first thing in a test. */
  logOnFailure(): void;
  stop(): Promise<void>;
}

export async function startE2eWorld(options: Pick<LocalPlatformOptions, "limits" | "livePrivate"> = {}): Promise<E2eWorld> {
  const logs: string[] = [];
  const workDir = await mkdtemp(join(tmpdir(), "e2e-"));
  const platform = await startLocalPlatform({
    ...options,
    preset: "ultrafast",
    statusUpdateIntervalMs: 500,
    log: (line) => logs.push(line),
  });
  let browser: TestBrowser;
  try {
    browser = await launchTestBrowser();
  } catch (error) {
    await platform.stop();
    throw error;
  }
  return {
    platform,
    browser,
    workDir,
    logs,
    logOnFailure: () => onTestFailed(() => console.log(`platform log:\n${logs.join("\n")}`)),
    stop: async () => {
      await browser.close().catch(() => undefined);
      await platform.stop();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
