import { execFile } from "node:child_process";
import { open } from "node:fs/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The parts of ffprobe's JSON report (`-show_format -show_streams`) the stand-in reads. */
export interface FfprobeStream {
  readonly index?: number;
  readonly codec_type?: string;
  readonly codec_name?: string;
  readonly profile?: string;
  readonly level?: number;
  readonly width?: number;
  readonly height?: number;
  readonly sample_aspect_ratio?: string;
  readonly display_aspect_ratio?: string;
  readonly pix_fmt?: string;
  readonly field_order?: string;
  readonly r_frame_rate?: string;
  readonly avg_frame_rate?: string;
  readonly duration?: string;
  readonly bit_rate?: string;
  readonly bits_per_raw_sample?: string;
  readonly sample_rate?: string;
  readonly channels?: number;
  readonly channel_layout?: string;
  readonly disposition?: { readonly attached_pic?: number };
  readonly tags?: Readonly<Record<string, string>>;
  readonly side_data_list?: readonly { readonly side_data_type?: string; readonly rotation?: number }[];
}

export interface FfprobeReport {
  readonly format?: {
    readonly format_name?: string;
    readonly duration?: string;
    readonly bit_rate?: string;
    readonly tags?: Readonly<Record<string, string>>;
  };
  readonly streams?: readonly FfprobeStream[];
}

/** ffprobe could not read the file; `reason` is its last line ("Invalid data found when processing input"). */
export class FfprobeFailure extends Error {
  override readonly name = "FfprobeFailure";
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The last meaningful line ffprobe printed, without the local path it prefixes. */
export function probeFailureReason(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const last = lines.at(-1) ?? "the input could not be read";
  // ffprobe prefixes the local path ("/tmp/x/input.mp4: Invalid data..."); the S3 URL is already given.
  return last.replace(/^.*?: (?=[A-Z])/, "");
}

/** ffprobe's report of a local file; `FfprobeFailure` when it cannot read it. */
export async function ffprobe(path: string): Promise<FfprobeReport> {
  try {
    const { stdout } = await run("ffprobe", ["-v", "error", "-show_format", "-show_streams", "-of", "json", path], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout) as FfprobeReport;
  } catch (error) {
    throw new FfprobeFailure(probeFailureReason((error as { stderr?: string }).stderr ?? String(error)));
  }
}

/** The first bytes of a file: Matroska and WebM differ only in the DocType of their EBML header. */
export async function fileHead(path: string, length = 64): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
