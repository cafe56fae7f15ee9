/**
 * Prints what each Lambda artifact costs: the zip's size against the 450 KB budget, and how long
 * a fresh `node` takes to import the bundle (what a cold start pays before the first event),
 * next to a bare `node -e ''`. Run `build` first.
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  DEFAULT_MAX_DURATION_SECONDS,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_UPLOAD_QUOTA,
  FUNCTION_ARTIFACTS,
  FUNCTION_NAMES,
  PLATFORM_TOPOLOGY,
  type PlatformLimits,
  type PlatformResources,
} from "@video-platform/shared-types";

const ZIP_BUDGET_BYTES = 450 * 1024;
const RUNS = 7;

const distDir = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "dist");

/** Where the functions' resources would be: nothing is called, so nothing is reached. */
const BENCH_RESOURCES: PlatformResources = {
  platformId: "bench",
  rawBucket: "raw",
  processedBucket: "processed",
  statusTable: "MovieUploadStatus",
  transcodingRoleArn: "arn:aws:iam::123456789012:role/MediaConvert",
  mediaConvertQueueArn: "arn:aws:mediaconvert:us-east-1:123456789012:queues/bench-vod",
  siteUrl: "https://d111111abcdef8.cloudfront.net",
  playbackSigningSecret: "playback-signing-key",
  playbackPublicKeyIds: "{}",
  privateLivePathPrefix: "",
};
const BENCH_LIMITS: PlatformLimits = {
  maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
  maxSourceDurationSeconds: DEFAULT_MAX_DURATION_SECONDS,
  uploadQuota: DEFAULT_UPLOAD_QUOTA,
};

/** Every function's own configuration, rendered by the topology as infra and local render it, plus what Lambda provides. */
const FUNCTION_ENV = Object.assign(
  { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "bench", AWS_SECRET_ACCESS_KEY: "bench", POWERTOOLS_LOG_LEVEL: "SILENT" },
  ...FUNCTION_NAMES.map((name) => PLATFORM_TOPOLOGY.functions[name].environment(BENCH_RESOURCES, BENCH_LIMITS)),
) as Record<string, string>;

function medianMs(args: string[]): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, {
      env: { PATH: process.env["PATH"] ?? "", ...FUNCTION_ENV },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${result.stderr.toString()}`);
    times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const bare = medianMs(["-e", ""]);
console.log(`node ${process.version}, median of ${RUNS} runs; bare \`node -e ''\`: ${bare.toFixed(0)} ms\n`);
console.log(["function".padEnd(24), "zip".padStart(10), "budget".padStart(8), "cold import".padStart(12), "over bare".padStart(10)].join(" "));

let overBudget = 0;
for (const artifact of Object.values(FUNCTION_ARTIFACTS).sort()) {
  const zip = join(distDir, `${artifact}.zip`);
  const bundle = join(distDir, artifact, "index.mjs");
  if (!existsSync(zip) || !existsSync(bundle)) throw new Error(`${zip} is missing: run the build first`);
  const zipBytes = statSync(zip).size;
  const fits = zipBytes <= ZIP_BUDGET_BYTES;
  if (!fits) overBudget += 1;
  const cold = medianMs(["--input-type=module", "-e", `await import(${JSON.stringify(pathToFileURL(bundle).href)});`]);
  console.log(
    [
      artifact.padEnd(24),
      `${(zipBytes / 1024).toFixed(1)} KB`.padStart(10),
      (fits ? "ok" : "OVER").padStart(8),
      `${cold.toFixed(0)} ms`.padStart(12),
      `+${(cold - bare).toFixed(0)} ms`.padStart(10),
    ].join(" "),
  );
}
console.log(`\nzip budget: ${ZIP_BUDGET_BYTES / 1024} KB each`);
if (overBudget > 0) {
  console.error(`${overBudget} artifact(s) over the zip budget`);
  process.exitCode = 1;
}
