/**
 * Prints, for a 10-second 1080p clip, the time from "upload complete" to COMPLETE through the
 * local platform next to a bare ffmpeg run of the same job (the one the trigger derives for the
 * clip: four renditions and the previews, same arguments, same preset): the difference is what
 * the flow adds (Probe, events, S3 copies, status writes, polling).
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decideSource, planSourceJob, readProbe } from "@video-platform/shared-types";
import { startLocalPlatform } from "../src/index.js";
import { signedInAs } from "../test/support/signed-in.js";
import { finalStatus, uploadInOnePut } from "../test/support/uploads.js";
import { ffmpegArguments, ffprobe, outputFolders, planTranscode, probeResultOf } from "@video-platform/mediaconvert-stand-in";
import { makeTestClip } from "@video-platform/mediaconvert-stand-in/test-clip";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
const PRESET = process.env["BENCH_PRESET"] ?? "ultrafast";
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function throughThePlatform(clip: Buffer): Promise<number> {
  const platform = await startLocalPlatform({ preset: PRESET, statusUpdateIntervalMs: 2000 });
  try {
    const demo = await signedInAs(platform, platform.identity.users.user);
    const uploadId = await uploadInOnePut(demo, "bench-1080p.mp4", clip);
    const uploadedAt = performance.now();
    const final = await finalStatus(demo, uploadId, { intervalMs: 100, timeoutMs: 10 * 60_000 });
    if (final.status === "ERROR") throw new Error(`transcode failed: ${final.errorMessage}`);
    return performance.now() - uploadedAt;
  } finally {
    await platform.stop();
  }
}

async function bareFfmpeg(clipPath: string, workDir: string): Promise<{ ms: number; renditions: number }> {
  const decision = decideSource(readProbe({ ProbeResults: [probeResultOf(await ffprobe(clipPath), Buffer.alloc(0), {})] }));
  if (!decision.accepted) throw new Error(`the bench clip was refused: ${decision.reason}`);
  const uuid = "0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11";
  const job = planSourceJob(`${uuid}.mp4`, { fileInput: `s3://raw/uploads/${uuid}.mp4`, destination: `s3://out/vod/${uuid}/` }, decision.source);
  const plan = planTranscode(job.settings);
  const outputDir = join(workDir, "bare");
  const folders = outputFolders(plan, outputDir);
  for (const folder of [folders.hls, ...folders.captures]) await mkdir(folder, { recursive: true });
  const args = ffmpegArguments(plan, { inputPath: clipPath, outputDir, preset: PRESET, inputHasAudio: true });
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn("ffmpeg", args, { stdio: "ignore" });
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}`))));
  });
  return { ms: performance.now() - started, renditions: plan.renditions.length };
}

const workDir = await mkdtemp(join(tmpdir(), "bench-transcode-"));
try {
  const clipPath = join(workDir, "bench-1080p.mp4");
  await makeTestClip(clipPath, { seconds: 10, width: 1920, height: 1080 });
  const clip = await readFile(clipPath);
  const platformMs = await throughThePlatform(clip);
  const bare = await bareFfmpeg(clipPath, workDir);
  console.log(`derived job (${bare.renditions} renditions + 100 previews), 10 s 1080p clip, x264 preset ${PRESET}:`);
  console.log(`  upload complete → COMPLETE (local platform)  ${seconds(platformMs)}`);
  console.log(`  bare ffmpeg, same arguments                  ${seconds(bare.ms)}`);
  console.log(`  added by the flow                            ${seconds(platformMs - bare.ms)}`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}
