import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { CLOCK_STRIP, clockStripOverlayFilter } from "./clock-strip.js";

export interface TestPatternOptions {
  /** The ingest's SRT URL, e.g. `srt://127.0.0.1:9000` (with `?passphrase=...` if it has one). */
  readonly url: string;
  readonly durationSeconds: number;
  readonly log?: (line: string) => void;
  readonly command?: string;
}

export interface PublishingTestPattern {
  /** Epoch milliseconds the pattern's first frame shows. */
  readonly startEpochMs: number;
  /**
   * How much later than the clock they show frames actually left ffmpeg (start-up, encoding),
   * in milliseconds: the median of the wall clock minus the muxed time over the progress reports.
   */
  senderLagMs(): number | undefined;
  /** Resolves with ffmpeg's exit code when the pattern has been sent (or failed). */
  readonly finished: Promise<number | null>;
  stop(): Promise<void>;
}

const FRAME_RATE = 30;

function srtCallerUrl(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("mode", "caller");
  // libsrt takes microseconds; 120 ms is SRT's default, enough on loopback.
  if (!parsed.searchParams.has("latency")) parsed.searchParams.set("latency", "120000");
  parsed.searchParams.set("pkt_size", "1316");
  return parsed.toString();
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * What an encoder in the field would send: a moving test pattern with a tone, H.264/AAC in
 * MPEG-TS over SRT, in real time, with the wall clock burned in as a machine-readable strip.
 */
export function publishTestPattern(options: TestPatternOptions): PublishingTestPattern {
  const { frameWidth, frameHeight } = CLOCK_STRIP;
  const startEpochMs = Date.now();
  const args = ["-hide_banner", "-nostdin", "-loglevel", "error", "-nostats", "-progress", "pipe:1", "-stats_period", "0.5"];
  args.push("-re", "-f", "lavfi", "-i", `testsrc2=size=${frameWidth}x${frameHeight}:rate=${FRAME_RATE}`);
  args.push("-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000");
  args.push("-filter_complex", clockStripOverlayFilter(startEpochMs, FRAME_RATE));
  args.push("-map", "[v]", "-map", "1:a", "-t", String(options.durationSeconds));
  args.push("-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-b:v", "2500k");
  args.push("-c:a", "aac", "-b:a", "128k", "-f", "mpegts", srtCallerUrl(options.url));

  const child = spawn(options.command ?? "ffmpeg", args, { stdio: ["ignore", "pipe", "pipe"] });
  const lags: number[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    const match = /^out_time_us=(\d+)$/.exec(line);
    if (match) lags.push(Date.now() - startEpochMs - Number(match[1]) / 1000);
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const finished = new Promise<number | null>((resolve) => {
    child.once("error", (error) => {
      options.log?.(`test pattern: could not start ffmpeg: ${error.message}`);
      resolve(null);
    });
    child.once("exit", (code) => {
      if (code !== 0 && stderr) options.log?.(`test pattern: ffmpeg ${code}: ${stderr.trim()}`);
      resolve(code);
    });
  });
  return {
    startEpochMs,
    // The first reports come before the pipeline is full; the median ignores them.
    senderLagMs: () => median(lags.filter((lag) => lag > 0)),
    finished,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await finished;
    },
  };
}
