import { join } from "node:path";
import { LIVE_MANIFEST_NAME, type LiveLadderSpec, type LiveRendition } from "@video-platform/shared-types";

export interface LiveHlsEncodeOptions {
  /** `srt://127.0.0.1:<port>?mode=listener...`: ffmpeg waits for one encoder to call in. */
  readonly srtUrl: string;
  readonly outputDir: string;
  readonly renditions: readonly LiveRendition[];
  readonly ladder: Pick<LiveLadderSpec, "frameRate" | "gopSeconds" | "segmentSeconds" | "audio">;
  /** x264 preset: real time on two cores matters more than compression here. */
  readonly preset: string;
  /** Segments kept in the live playlist. */
  readonly playlistSize: number;
}

export interface SrtListenerUrlOptions {
  readonly host: string;
  readonly port: number;
  /** SRT receive latency in milliseconds. */
  readonly latencyMs: number;
  /** AES passphrase (10-79 characters), or none on loopback. */
  readonly passphrase?: string;
  /** How long ffmpeg waits for a publisher before it gives up (and is started again). */
  readonly listenTimeoutMs?: number;
}

export class SrtPassphraseError extends Error {
  override readonly name = "SrtPassphraseError";
}

/** ffmpeg's SRT URL for a listener; libsrt takes its latency in microseconds. */
export function srtListenerUrl(options: SrtListenerUrlOptions): string {
  const query = new URLSearchParams({ mode: "listener", latency: String(options.latencyMs * 1000), transtype: "live" });
  if (options.listenTimeoutMs !== undefined) query.set("listen_timeout", String(options.listenTimeoutMs * 1000));
  if (options.passphrase !== undefined) {
    if (options.passphrase.length < 10 || options.passphrase.length > 79) {
      throw new SrtPassphraseError("an SRT passphrase has 10 to 79 characters");
    }
    query.set("passphrase", options.passphrase);
    query.set("pbkeylen", "32");
  }
  return `srt://${options.host}:${options.port}?${query.toString()}`;
}

/**
 * One ffmpeg run: SRT in, a live HLS ladder out, named as MediaPackage names it (`index.m3u8`
 * master, one `index_<rung>.m3u8` per rendition). Keyframes on a fixed 2-second grid make every
 * segment of every rung start alike; segment numbers start from the epoch second, so a new
 * session never reuses a name a player or cache has seen.
 */
export function liveHlsArguments(options: LiveHlsEncodeOptions): string[] {
  const { renditions, ladder } = options;
  const count = renditions.length;
  const split = `[0:v]fps=${ladder.frameRate},split=${count}${renditions.map((_, i) => `[s${i}]`).join("")}`;
  const scaled = renditions.map(
    (rendition, i) =>
      `[s${i}]scale=${rendition.width}:${rendition.height}:force_original_aspect_ratio=decrease,` +
      `pad=${rendition.width}:${rendition.height}:(ow-iw)/2:(oh-ih)/2,setsar=1[v${i}]`,
  );
  const args = ["-hide_banner", "-nostdin", "-loglevel", "error", "-nostats"];
  // MPEG-TS announces its streams at once; probing for ffmpeg's default 5 s would only add delay.
  args.push("-fflags", "+genpts", "-analyzeduration", "1000000", "-probesize", "1000000", "-i", options.srtUrl);
  args.push("-filter_complex", [split, ...scaled].join(";"));
  renditions.forEach((rendition, i) => {
    args.push("-map", `[v${i}]`, "-map", "0:a:0");
    args.push(`-b:v:${i}`, String(rendition.videoBitrate));
    args.push(`-maxrate:v:${i}`, String(rendition.videoBitrate), `-bufsize:v:${i}`, String(2 * rendition.videoBitrate));
  });
  args.push("-c:v", "libx264", "-preset", options.preset, "-tune", "zerolatency", "-pix_fmt", "yuv420p");
  args.push("-force_key_frames", `expr:gte(t,n_forced*${ladder.gopSeconds})`, "-sc_threshold", "0");
  args.push("-c:a", "aac", "-b:a", String(ladder.audio.bitrate), "-ar", String(ladder.audio.sampleRate), "-ac", "2");
  args.push(
    "-f",
    "hls",
    "-hls_time",
    String(ladder.segmentSeconds),
    "-hls_list_size",
    String(options.playlistSize),
    "-hls_flags",
    "delete_segments+independent_segments+program_date_time",
    "-hls_start_number_source",
    "epoch",
    "-hls_segment_type",
    "mpegts",
    "-hls_segment_filename",
    join(options.outputDir, `${LIVE_MANIFEST_NAME}_%v_%d.ts`),
    "-master_pl_name",
    `${LIVE_MANIFEST_NAME}.m3u8`,
    "-var_stream_map",
    renditions.map((rendition, i) => `v:${i},a:${i},name:${rendition.name}`).join(" "),
    join(options.outputDir, `${LIVE_MANIFEST_NAME}_%v.m3u8`),
  );
  return args;
}
