import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProbeResult } from "@aws-sdk/client-mediaconvert";
import type { S3Client } from "@aws-sdk/client-s3";
import { parseS3Url } from "../settings/s3-location.js";
import { downloadObject } from "../s3/s3-objects.js";
import { ffprobe, FfprobeFailure, fileHead, type FfprobeReport } from "./ffprobe.js";
import { probeResultOf } from "./probe-result.js";

/** Answers Probe for one `s3://` URL; `ObjectNotFoundError` when there is no such object. */
export type SourceProber = (fileUrl: string) => Promise<ProbeResult>;

/** Reads the object from (emulated) S3 into a scratch file and asks ffprobe what it is. */
export function s3FileProber(s3: S3Client): SourceProber {
  return async (fileUrl) => {
    const workDir = await mkdtemp(join(tmpdir(), "mediaconvert-probe-"));
    try {
      const path = join(workDir, "input");
      const metadata = await downloadObject(s3, parseS3Url(fileUrl), path);
      let report: FfprobeReport | undefined;
      try {
        report = await ffprobe(path);
      } catch (error) {
        if (!(error instanceof FfprobeFailure)) throw error;
      }
      return probeResultOf(report, await fileHead(path), metadata);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  };
}
