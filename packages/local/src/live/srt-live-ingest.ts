import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LiveLadder } from "@video-platform/shared-types";
import { assertUdpPortFree, freeUdpPort } from "./free-udp-port.js";
import { liveHlsArguments, srtListenerUrl } from "./live-hls-args.js";
import { localLiveRenditions } from "./live-rendition.js";

export interface SrtLiveIngestOptions {
  /** UDP port of the listener; a free one when not set. */
  readonly port?: number;
  /** Where the live HLS goes; a fresh temporary directory when not set (and removed on stop). */
  readonly outputDir?: string;
  /** Tallest rung of the live ladder to encode; 540 (one rung) by default. */
  readonly maxHeight?: number;
  readonly passphrase?: string;
  readonly latencyMs?: number;
  readonly preset?: string;
  readonly playlistSize?: number;
  /** How long one ffmpeg run waits for a publisher before it is replaced by a fresh one. */
  readonly listenTimeoutMs?: number;
  readonly log?: (line: string) => void;
  readonly command?: string;
}

export interface RunningSrtLiveIngest {
  /** What an encoder calls: `srt://127.0.0.1:<port>` (add `?passphrase=...` when one is set). */
  readonly publishUrl: string;
  readonly port: number;
  readonly outputDir: string;
  /** How many publishing sessions ended so far (the listener is back up after each). */
  sessionsEnded(): number;
  /** The ffmpeg listening (or encoding) right now. */
  listenerPid(): number | undefined;
  stop(): Promise<void>;
}

const RESTART_DELAY_MS = 250;
/**
 * ffmpeg gives up waiting for a publisher after this and is started again at once. Should this
 * process die without stopping it, the orphaned listener so ends by itself instead of holding
 * the port for good.
 */
const DEFAULT_LISTEN_TIMEOUT_MS = 30_000;
/** A run shorter than this that failed is a crash loop (bad stream, port taken), not a session. */
const QUICK_FAILURE_MS = 2_000;
const MAX_RESTART_DELAY_MS = 10_000;

function emptyDirectory(dir: string): void {
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
}

/**
 * The local stand-in for MediaLive + MediaPackage: ffmpeg listens for one SRT publisher on loopback
 * and writes live HLS. When the publisher hangs up ffmpeg ends, its files are removed (a stale
 * playlist must never look live), and the listener starts again on the same port.
 */
export async function startSrtLiveIngest(options: SrtLiveIngestOptions = {}): Promise<RunningSrtLiveIngest> {
  const log = options.log ?? (() => undefined);
  const port = options.port ?? (await freeUdpPort());
  if (options.port !== undefined) await assertUdpPortFree(port);
  const ownsDir = options.outputDir === undefined;
  const outputDir = options.outputDir ?? mkdtempSync(join(tmpdir(), "live-hls-"));
  mkdirSync(outputDir, { recursive: true });
  const listenTimeout = options.listenTimeoutMs ?? DEFAULT_LISTEN_TIMEOUT_MS;
  const listenerUrl = srtListenerUrl({
    host: "127.0.0.1",
    port,
    latencyMs: options.latencyMs ?? 120,
    listenTimeoutMs: listenTimeout,
    ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase }),
  });
  const args = liveHlsArguments({
    srtUrl: listenerUrl,
    outputDir,
    renditions: localLiveRenditions(options.maxHeight ?? 540),
    ladder: LiveLadder,
    preset: options.preset ?? "veryfast",
    playlistSize: options.playlistSize ?? 6,
  });

  let stopping = false;
  let ended = 0;
  let quickFailures = 0;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = () => {
    emptyDirectory(outputDir);
    const launchedAt = Date.now();
    const ffmpeg = spawn(options.command ?? "ffmpeg", args, { stdio: ["ignore", "ignore", "pipe"] });
    child = ffmpeg;
    let stderr = "";
    ffmpeg.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    exited = new Promise((resolve) => {
      ffmpeg.once("error", (error) => {
        log(`live ingest: could not start ffmpeg: ${error.message}`);
        stopping = true;
        resolve();
      });
      ffmpeg.once("exit", (code, signal) => {
        child = undefined;
        resolve();
        if (stopping) return;
        if (readdirSync(outputDir).length === 0 && Date.now() - launchedAt >= listenTimeout) {
          // Nobody published before the listen timeout: listen again, nothing to report.
          launch();
          return;
        }
        // The session is over: its playlist must not look live to the next viewer.
        emptyDirectory(outputDir);
        ended += 1;
        // An encoder hanging up reads as an I/O error and exit 0; anything else is worth showing.
        const detail = code === 0 ? "" : `: ${stderr.trim()}`;
        log(`live ingest: publisher session ended (ffmpeg ${signal ?? code})${detail}; listening again`);
        quickFailures = code !== 0 && Date.now() - launchedAt < QUICK_FAILURE_MS ? quickFailures + 1 : 0;
        const delay = Math.min(MAX_RESTART_DELAY_MS, RESTART_DELAY_MS * 2 ** quickFailures);
        restartTimer = setTimeout(() => {
          if (!stopping) launch();
        }, delay);
      });
    });
  };
  launch();
  log(`live ingest: listening for SRT on 127.0.0.1:${port}`);

  const publishQuery = options.passphrase === undefined ? "" : `?passphrase=${encodeURIComponent(options.passphrase)}&pbkeylen=32`;
  return {
    publishUrl: `srt://127.0.0.1:${port}${publishQuery}`,
    port,
    outputDir,
    sessionsEnded: () => ended,
    listenerPid: () => child?.pid,
    stop: async () => {
      stopping = true;
      clearTimeout(restartTimer);
      const running = child;
      if (running && running.exitCode === null) {
        running.kill("SIGTERM");
        // ffmpeg blocked in the SRT accept ignores SIGTERM until a packet arrives.
        const timer = setTimeout(() => running.kill("SIGKILL"), 2_000);
        await exited;
        clearTimeout(timer);
      }
      if (ownsDir) rmSync(outputDir, { recursive: true, force: true });
    },
  };
}
