/**
 * The live channel's encoding ladder and delivery path, as data. Infra turns it into MediaLive
 * encoder settings and MediaPackage endpoints; the local platform encodes its SRT ingest with
 * the rungs it can afford, so both serve the same shape under the same path.
 */
export interface LiveRendition {
  /** Used in MediaLive description and output names. */
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** Constant video bitrate, bits per second. */
  readonly videoBitrate: number;
}

export interface LiveLadderSpec {
  readonly renditions: readonly LiveRendition[];
  readonly frameRate: number;
  /** One closed GOP per segment, so every segment starts on a keyframe and players can switch. */
  readonly gopSeconds: number;
  readonly segmentSeconds: number;
  readonly audio: { readonly bitrate: number; readonly sampleRate: number };
}

const MBPS = 1_000_000;

/** H.264/AAC, 1080p/720p/540p at 30 fps, 2-second GOPs and 2-second segments. */
export const LiveLadder: LiveLadderSpec = {
  renditions: [
    { name: "1080p", width: 1920, height: 1080, videoBitrate: 6 * MBPS },
    { name: "720p", width: 1280, height: 720, videoBitrate: 3.5 * MBPS },
    { name: "540p", width: 960, height: 540, videoBitrate: 2 * MBPS },
  ],
  frameRate: 30,
  gopSeconds: 2,
  segmentSeconds: 2,
  audio: { bitrate: 128_000, sampleRate: 48_000 },
};

/**
 * MediaPackage (v1) serves every origin endpoint under `/out/v1/<endpoint>/`; CloudFront routes
 * that prefix to it, and the local platform serves its live output under the same prefix.
 */
export const LIVE_PATH_PREFIX = "/out/v1/";
/** The manifest name of both endpoints: `index.m3u8` (HLS) and `index.mpd` (DASH). */
export const LIVE_MANIFEST_NAME = "index";
