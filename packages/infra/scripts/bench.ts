/**
 * `pnpm bench`: wall time and peak RSS of synthesizing every stack in one process, next to a bare
 * `node` start on the same machine. Targets: under 2 s and under 200 MB. Prints; asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const probe = join(packageDir, "scripts/rss-probe.mjs");
const RUNS = 5;
const TARGET = { seconds: 2, megabytes: 200 };

interface Sample {
  readonly seconds: number;
  readonly megabytes: number;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Sample {
  const scratch = mkdtempSync(join(tmpdir(), "infra-bench-"));
  const rssFile = join(scratch, "rss");
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", probe, ...args], {
    cwd: packageDir,
    env: { ...process.env, ...env, RSS_PROBE_OUT: rssFile, CDKTF_OUTDIR: join(scratch, "cdktf.out") },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
  const megabytes = Number(readFileSync(rssFile, "utf8")) / 1024;
  rmSync(scratch, { recursive: true, force: true });
  return { seconds, megabytes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function summarize(label: string, samples: Sample[]): { seconds: number; megabytes: number } {
  const seconds = median(samples.map((sample) => sample.seconds));
  const megabytes = Math.max(...samples.map((sample) => sample.megabytes));
  console.log(`${label.padEnd(34)} ${seconds.toFixed(2).padStart(6)} s  ${megabytes.toFixed(0).padStart(5)} MB`);
  return { seconds, megabytes };
}

const bundleStarted = performance.now();
const bundled = spawnSync(process.execPath, [join(packageDir, "scripts/bundle.mjs")], { cwd: packageDir, stdio: "inherit" });
if (bundled.status !== 0) throw new Error("bundling the app failed");
const bundleSeconds = (performance.now() - bundleStarted) / 1000;

console.log(`median wall time and peak RSS of ${RUNS} runs (bundling the app first took ${bundleSeconds.toFixed(2)} s)`);
const bare = summarize("bare node start", Array.from({ length: RUNS }, () => run(["-e", ""])));
const synth = summarize("synth of every stack (one process)", Array.from({ length: RUNS }, () => run(["dist/synth.mjs"])));
console.log(
  `synth over bare node: +${(synth.seconds - bare.seconds).toFixed(2)} s, +${(synth.megabytes - bare.megabytes).toFixed(0)} MB; ` +
    `target under ${TARGET.seconds} s and ${TARGET.megabytes} MB: ` +
    (synth.seconds < TARGET.seconds && synth.megabytes < TARGET.megabytes ? "met" : "MISSED"),
);
