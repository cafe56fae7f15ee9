import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { ffmpegArguments, masterPlaylistName, renditionPlaylistName } from "./ffmpeg-args.js";
import { FfmpegProgressReader, percentComplete } from "./ffmpeg-progress.js";
import { probeInput, probeFailureReason } from "./input-probe.js";
import { inputUnreadable, INPUT_DEMUX_FAILED, MediaConvertJobError, OUTPUT_WRITE_FAILED } from "../jobs/job-error.js";
import type { JobRunner, ReportJobState, RunnableJob } from "../jobs/job-runner.js";
import type { TranscodePlan } from "../settings/transcode-plan.js";

export interface FfmpegRunnerOptions {
  /** Where inputs are read and outputs written: the emulated S3. */
  readonly s3: S3Client;
  /** x264 preset; MediaConvert's quality tuning has no exact match, so speed is a local choice. */
  readonly preset: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".m3u8": "application/vnd.apple.mpegurl",
  ".ts": "video/MP2T",
};

function s3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

async function download(plan: TranscodePlan, s3: S3Client, path: string, inputUrl: string): Promise<void> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: plan.input.bucket, Key: plan.input.key }));
    if (!(object.Body instanceof Readable)) throw new Error("empty body");
    await pipeline(object.Body, createWriteStream(path));
  } catch (error) {
    throw inputUnreadable(inputUrl, (error as Error).name === "NoSuchKey" ? "Input file not found" : (error as Error).message);
  }
}

function runFfmpeg(args: readonly string[], signal: AbortSignal, onProgress: (outTimeUs: number | undefined) => void) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn("ffmpeg", args, { stdio: ["ignore", "pipe", "pipe"], signal, killSignal: "SIGKILL" });
    const progress = new FfmpegProgressReader();
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      for (const block of progress.push(chunk)) onProgress(block.outTimeUs);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.once("error", (error) => reject(signal.aborted ? signal.reason : error));
    child.once("close", (code) => {
      if (code === 0) resolve();
      else reject(new MediaConvertJobError(INPUT_DEMUX_FAILED, `Demuxer: [${probeFailureReason(stderr)}]`));
    });
  });
}

async function upload(plan: TranscodePlan, s3: S3Client, outputDir: string, signal: AbortSignal): Promise<void> {
  const files = await readdir(outputDir);
  try {
    for (const file of files) {
      // A cancelled job writes nothing more: what it wrote is about to be deleted.
      signal.throwIfAborted();
      await s3.send(
        new PutObjectCommand({
          Bucket: plan.destination.bucket,
          Key: `${plan.destination.key}${file}`,
          Body: await readFile(join(outputDir, file)),
          ContentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        }),
      );
    }
  } catch (error) {
    if (signal.aborted) throw error;
    throw new MediaConvertJobError(
      OUTPUT_WRITE_FAILED,
      `Unable to write to output file [${s3Url(plan.destination.bucket, plan.destination.key)}]: ${(error as Error).message}`,
    );
  }
}

/**
 * Runs each job the way MediaConvert does: downloads the input, probes it, encodes the ladder
 * with one ffmpeg run, uploads the HLS output, and reports PROGRESSING, periodic
 * STATUS_UPDATEs, then COMPLETE with the output paths, or ERROR with a code and a reason.
 * Only an abort rejects.
 */
export function ffmpegJobRunner(options: FfmpegRunnerOptions): JobRunner {
  return { run: (job, report, signal) => runTranscodeJob(job, report, signal, options) };
}

async function runTranscodeJob(job: RunnableJob, report: ReportJobState, signal: AbortSignal, options: FfmpegRunnerOptions) {
  const { plan } = job;
  const inputUrl = s3Url(plan.input.bucket, plan.input.key);
  const workDir = await mkdtemp(join(tmpdir(), "mediaconvert-"));
  try {
    await report({ status: "PROGRESSING" });
    const inputPath = join(workDir, `input${extname(plan.input.key)}`);
    const outputDir = join(workDir, "out");
    await download(plan, options.s3, inputPath, inputUrl);
    const info = await probeInput(inputUrl, inputPath);
    if (info instanceof MediaConvertJobError) throw info;

    let lastSent = Date.now();
    let lastPercent = 0;
    let updates = Promise.resolve();
    await mkdir(outputDir);
    const args = ffmpegArguments(plan, { inputPath, outputDir, preset: options.preset, inputHasAudio: info.hasAudio });
    await runFfmpeg(args, signal, (outTimeUs) => {
      const percent = percentComplete(outTimeUs, info.durationSeconds);
      if (percent <= lastPercent || Date.now() - lastSent < job.statusUpdateIntervalMs) return;
      lastSent = Date.now();
      lastPercent = percent;
      updates = updates.then(() => report({ status: "STATUS_UPDATE", jobPercentComplete: percent, currentPhase: "TRANSCODING" }));
    });
    await updates;
    await upload(plan, options.s3, outputDir, signal);
    await report({
      status: "COMPLETE",
      masterPlaylistUrl: s3Url(plan.destination.bucket, `${plan.destination.key}${masterPlaylistName(plan)}`),
      renditions: plan.renditions.map((rendition) => ({
        playlistUrl: s3Url(plan.destination.bucket, `${plan.destination.key}${renditionPlaylistName(plan, rendition)}`),
        width: rendition.width,
        height: rendition.height,
        durationMs: Math.round(info.durationSeconds * 1000),
      })),
    });
  } catch (error) {
    if (signal.aborted) throw error;
    const failure =
      error instanceof MediaConvertJobError ? error : new MediaConvertJobError(1999, `Internal error: ${String(error)}`);
    await report({ status: "ERROR", errorCode: failure.errorCode, errorMessage: failure.message });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
