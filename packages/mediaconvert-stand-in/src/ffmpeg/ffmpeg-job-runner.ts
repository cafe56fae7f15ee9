import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { inputUnreadable, INPUT_DEMUX_FAILED, MediaConvertJobError, OUTPUT_WRITE_FAILED } from "../jobs/job-error.js";
import type { JobRunner, ReportJobState, RunnableJob } from "../jobs/job-runner.js";
import type { CompletedOutputGroup } from "../jobs/job-state-events.js";
import { probeFailureReason } from "../probe/ffprobe.js";
import { downloadObject, ObjectNotFoundError, s3Url, uploadFolder, type S3Location } from "../s3/s3-objects.js";
import type { TranscodePlan } from "../settings/transcode-plan.js";
import { ffmpegArguments, masterPlaylistName, outputFolders, renditionPlaylistName } from "./ffmpeg-args.js";
import { FfmpegProgressReader, percentComplete } from "./ffmpeg-progress.js";
import { probeInput, type InputInfo } from "./input-probe.js";

export interface FfmpegRunnerOptions {
  /** Where inputs are read and outputs written: the emulated S3. */
  readonly s3: S3Client;
  /** x264 preset; MediaConvert's quality tuning has no exact match, so speed is a local choice. */
  readonly preset: string;
}

async function download(plan: TranscodePlan, s3: S3Client, path: string): Promise<void> {
  try {
    await downloadObject(s3, plan.input, path);
  } catch (error) {
    throw inputUnreadable(s3Url(plan.input), error instanceof ObjectNotFoundError ? "Input file not found" : (error as Error).message);
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

/** Copies each group's files to its destination, as MediaConvert writes them there. */
async function upload(plan: TranscodePlan, s3: S3Client, outputDir: string, signal: AbortSignal): Promise<void> {
  const folders = outputFolders(plan, outputDir);
  const copies: [string, S3Location][] = [
    [folders.hls, plan.destination],
    ...plan.frameCaptures.map((capture, k): [string, S3Location] => [folders.captures[k] ?? "", capture.folder]),
  ];
  for (const [folder, destination] of copies) {
    try {
      // A cancelled job writes nothing more: what it wrote is about to be deleted.
      await uploadFolder(s3, folder, destination, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new MediaConvertJobError(OUTPUT_WRITE_FAILED, `Unable to write to output file [${s3Url(destination)}]: ${(error as Error).message}`);
    }
  }
}

/** What the COMPLETE event says: the HLS group's playlists, and each frame capture's last image. */
async function completedGroups(plan: TranscodePlan, outputDir: string, info: InputInfo): Promise<CompletedOutputGroup[]> {
  const durationMs = Math.round(info.durationSeconds * 1000);
  const at = (location: S3Location, file: string) => s3Url({ bucket: location.bucket, key: `${location.key}${file}` });
  const folders = outputFolders(plan, outputDir);
  const captures = await Promise.all(
    plan.frameCaptures.map(async (capture, k) => {
      const images = (await readdir(folders.captures[k] ?? "")).filter((file) => extname(file) === ".jpg").sort();
      return {
        type: "FILE_GROUP" as const,
        outputs: [{ outputFilePaths: [at(capture.folder, images.at(-1) ?? "")], width: capture.width, height: capture.height, durationMs }],
      };
    }),
  );
  return [
    {
      type: "HLS_GROUP",
      playlistFilePaths: [at(plan.destination, masterPlaylistName(plan))],
      outputs: plan.renditions.map((rendition) => ({
        outputFilePaths: [at(plan.destination, renditionPlaylistName(plan, rendition))],
        width: rendition.width,
        height: rendition.height,
        durationMs,
      })),
    },
    ...captures,
  ];
}

/**
 * Runs each job the way MediaConvert does: downloads the input, probes it, encodes the ladder
 * and the frame captures with one ffmpeg run, uploads every group's output, and reports
 * PROGRESSING, periodic STATUS_UPDATEs, then COMPLETE with the output paths, or ERROR with a
 * code and a reason. Only an abort rejects.
 */
export function ffmpegJobRunner(options: FfmpegRunnerOptions): JobRunner {
  return { run: (job, report, signal) => runTranscodeJob(job, report, signal, options) };
}

async function runTranscodeJob(job: RunnableJob, report: ReportJobState, signal: AbortSignal, options: FfmpegRunnerOptions) {
  const { plan } = job;
  const workDir = await mkdtemp(join(tmpdir(), "mediaconvert-"));
  try {
    await report({ status: "PROGRESSING" });
    const inputPath = join(workDir, `input${extname(plan.input.key)}`);
    const outputDir = join(workDir, "out");
    await download(plan, options.s3, inputPath);
    const info = await probeInput(s3Url(plan.input), inputPath);
    if (info instanceof MediaConvertJobError) throw info;

    let lastSent = Date.now();
    let lastPercent = 0;
    let updates = Promise.resolve();
    const folders = outputFolders(plan, outputDir);
    for (const folder of [folders.hls, ...folders.captures]) await mkdir(folder, { recursive: true });
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
    await report({ status: "COMPLETE", outputGroups: await completedGroups(plan, outputDir, info) });
  } catch (error) {
    if (signal.aborted) throw error;
    const failure =
      error instanceof MediaConvertJobError ? error : new MediaConvertJobError(1999, `Internal error: ${String(error)}`);
    await report({ status: "ERROR", errorCode: failure.errorCode, errorMessage: failure.message });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
