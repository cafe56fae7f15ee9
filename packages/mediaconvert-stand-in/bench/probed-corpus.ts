/**
 * The bench's corpus, made real: each source is a short clip written by ffmpeg, put in (emulated)
 * S3, and read the way production reads an upload: MediaConvert's `Probe` (this stand-in, through
 * the SDK) → `readProbe` → `decideSource`.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MediaConvertClient, ProbeCommand } from "@aws-sdk/client-mediaconvert";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startMotoServer } from "@video-platform/aws-emulator";
import { decideSource, readProbe, type VideoSource } from "@video-platform/shared-types";
import { recordingJobRunner, startMediaConvertStandIn } from "../src/index.js";
import { makeTestClip, type ClipSpec } from "../src/test-clip.js";

export interface CorpusEntry {
  readonly name: string;
  /** The file's name: its extension picks the container (and VP9/Opus for `.webm`). */
  readonly file: string;
  readonly clip: Omit<ClipSpec, "seconds">;
}

export interface ProbedSource {
  readonly entry: CorpusEntry;
  readonly fileUrl: string;
  readonly source: VideoSource;
}

const BUCKET = "bench-raw";
const region = "us-east-1";
const credentials = { accessKeyId: "bench", secretAccessKey: "bench" };

/** Writes every clip (`clipSeconds` long), uploads it, and probes it as the trigger does. */
export async function probeCorpus(corpus: readonly CorpusEntry[], clipSeconds: number): Promise<ProbedSource[]> {
  const moto = await startMotoServer();
  const s3 = new S3Client({ endpoint: moto.endpoint, region, credentials, forcePathStyle: true });
  const standIn = await startMediaConvertStandIn({ runner: recordingJobRunner(), s3, region });
  const mediaConvert = new MediaConvertClient({ endpoint: standIn.endpoint, region, credentials });
  const workDir = await mkdtemp(join(tmpdir(), "ladder-cost-"));
  try {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const probed: ProbedSource[] = [];
    for (const entry of corpus) {
      const path = join(workDir, entry.file);
      await makeTestClip(path, { ...entry.clip, seconds: clipSeconds });
      const key = `uploads/${entry.file}`;
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: await readFile(path) }));
      const fileUrl = `s3://${BUCKET}/${key}`;
      const answer = await mediaConvert.send(new ProbeCommand({ InputFiles: [{ FileUrl: fileUrl }] }));
      const decision = decideSource(readProbe(answer));
      if (!decision.accepted) throw new Error(`${entry.name}: refused: ${decision.reason}`);
      probed.push({ entry, fileUrl, source: decision.source });
    }
    return probed;
  } finally {
    mediaConvert.destroy();
    await standIn.stop();
    s3.destroy();
    await moto.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
