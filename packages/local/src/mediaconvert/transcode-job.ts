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
import { inputUnreadable, INPUT_DEMUX_FAILED, MediaConvertJobError, OUTPUT_WRITE_FAILED } from "./job-error.js";
import { probeInput, probeFailureReason } from "./input-probe.js";
import type { JobStateChange } from "./job-state-events.js";
import type { TranscodePlan } from "./transcode-plan.js";

export interface TranscodeDependencies {
  readonly s3: S3Client;
  /** Publishes one state change; resolves once EventBridge took it. */
  readonly publish: (change: JobStateChange) => Promise<void>;
  readonly preset: string;
  readonly statusUpdateIntervalMs: number;
  readonly signal: AbortSignal;
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

async function upload(plan: TranscodePlan, s3: S3Client, outputDir: string): Promise<void> {
  const files = await readdir(outputDir);
  try {
    for (const file of files) {
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
    throw new MediaConvertJobError(
      OUTPUT_WRITE_FAILED,
      `Unable to write to output file [${s3Url(plan.destination.bucket, plan.destination.key)}]: ${(error as Error).message}`,
    );
  }
}

/**
 * Runs one job the way MediaConvert does: PROGRESSING, periodic STATUS_UPDATEs, then COMPLETE
 * with the output paths, or ERROR with a code and a reason. Only an abort (shutdown) rejects.
 */
export async function runTranscodeJob(plan: TranscodePlan, deps: TranscodeDependencies): Promise<JobStateChange> {
  const inputUrl = s3Url(plan.input.bucket, plan.input.key);
  const workDir = await mkdtemp(join(tmpdir(), "mediaconvert-"));
  try {
    await deps.publish({ status: "PROGRESSING" });
    const inputPath = join(workDir, `input${extname(plan.input.key)}`);
    const outputDir = join(workDir, "out");
    await download(plan, deps.s3, inputPath, inputUrl);
    const info = await probeInput(inputUrl, inputPath);
    if (info instanceof MediaConvertJobError) throw info;

    let lastSent = Date.now();
    let lastPercent = 0;
    let updates = Promise.resolve();
    await mkdir(outputDir);
    const args = ffmpegArguments(plan, { inputPath, outputDir, preset: deps.preset, inputHasAudio: info.hasAudio });
    await runFfmpeg(args, deps.signal, (outTimeUs) => {
      const percent = percentComplete(outTimeUs, info.durationSeconds);
      if (percent <= lastPercent || Date.now() - lastSent < deps.statusUpdateIntervalMs) return;
      lastSent = Date.now();
      lastPercent = percent;
      updates = updates.then(() =>
        deps.publish({ status: "STATUS_UPDATE", jobPercentComplete: percent, currentPhase: "TRANSCODING" }),
      );
    });
    await updates;
    await upload(plan, deps.s3, outputDir);
    const complete: JobStateChange = {
      status: "COMPLETE",
      masterPlaylistUrl: s3Url(plan.destination.bucket, `${plan.destination.key}${masterPlaylistName(plan)}`),
      renditions: plan.renditions.map((rendition) => ({
        playlistUrl: s3Url(plan.destination.bucket, `${plan.destination.key}${renditionPlaylistName(plan, rendition)}`),
        width: rendition.width,
        height: rendition.height,
        durationMs: Math.round(info.durationSeconds * 1000),
      })),
    };
    await deps.publish(complete);
    return complete;
  } catch (error) {
    if (deps.signal.aborted) throw error;
    const failure =
      error instanceof MediaConvertJobError ? error : new MediaConvertJobError(1999, `Internal error: ${String(error)}`);
    const change: JobStateChange = { status: "ERROR", errorCode: failure.errorCode, errorMessage: failure.message };
    await deps.publish(change);
    return change;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
