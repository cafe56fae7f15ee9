/**
 * Reads ffmpeg's `-progress` output: blocks of `key=value` lines, each closed by
 * `progress=continue` or `progress=end`. Fed in arbitrary chunks, as a pipe delivers them.
 */
export interface FfmpegProgressBlock {
  /** Position of the output in microseconds, when ffmpeg knew it. */
  readonly outTimeUs: number | undefined;
  readonly ended: boolean;
}

export class FfmpegProgressReader {
  private pending = "";
  private fields = new Map<string, string>();

  /** Returns every block completed by this chunk. */
  push(chunk: string): FfmpegProgressBlock[] {
    this.pending += chunk;
    const lines = this.pending.split("\n");
    this.pending = lines.pop() ?? "";
    const blocks: FfmpegProgressBlock[] = [];
    for (const raw of lines) {
      const line = raw.trim();
      const separator = line.indexOf("=");
      if (separator <= 0) continue;
      const key = line.slice(0, separator);
      const value = line.slice(separator + 1);
      if (key !== "progress") {
        this.fields.set(key, value);
        continue;
      }
      // out_time_ms is microseconds too (a long-standing ffmpeg misnomer); "N/A" before the first frame.
      const micros = Number(this.fields.get("out_time_us") ?? this.fields.get("out_time_ms"));
      blocks.push({ outTimeUs: Number.isFinite(micros) && micros >= 0 ? micros : undefined, ended: value === "end" });
      this.fields = new Map();
    }
    return blocks;
  }
}

/** Whole percent done, never 100 before the run ends (MediaConvert reports 100 only on COMPLETE). */
export function percentComplete(outTimeUs: number | undefined, durationSeconds: number): number {
  if (outTimeUs === undefined || !(durationSeconds > 0)) return 0;
  const percent = Math.floor((outTimeUs / 1e6 / durationSeconds) * 100);
  return Math.min(99, Math.max(0, percent));
}
