import type { FrameRate, Rotation, VideoSource } from "../../src/index.js";

/**
 * Many source shapes, reproducibly: a seeded generator (mulberry32), so a failing shape is the
 * same on every run and its seed is in the test's name. Shapes mix what people upload (phone
 * portrait, 16:9, 4:3, square, cinema scope, odd sizes from screen recorders) with the extremes
 * the platform still accepts (32 pixels, a 200:1 strip, one frame long, six hours long).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON_ASPECTS = [16 / 9, 4 / 3, 1, 21 / 9, 2.39, 1.85, 5 / 4, 32 / 9, 19.5 / 9, 3 / 2];
const COMMON_SHORT_SIDES = [2160, 1440, 1080, 1088, 720, 576, 540, 480, 360, 242, 240, 144];
const FRAME_RATES: readonly (FrameRate | undefined)[] = [
  { numerator: 24000, denominator: 1001 },
  { numerator: 25, denominator: 1 },
  { numerator: 30000, denominator: 1001 },
  { numerator: 30, denominator: 1 },
  { numerator: 50, denominator: 1 },
  { numerator: 60000, denominator: 1001 },
  { numerator: 60, denominator: 1 },
  { numerator: 120, denominator: 1 },
  { numerator: 240, denominator: 1 },
  { numerator: 2997, denominator: 50 },
  undefined,
];
const CONTAINERS = ["mp4", "quicktime", "webm", "matroska", "mpegts", "avi"];

export interface ShapeOptions {
  /** Realistic shapes only: a short side of 100 pixels or more and sides at most 4:1 apart. */
  readonly realistic?: boolean;
}

export function randomSource(random: () => number, options: ShapeOptions = {}): VideoSource {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number) => low + random() * (high - low);
  const extreme = !options.realistic && random() < 0.15;
  const elongation = extreme ? Math.exp(between(0, Math.log(200))) : random() < 0.6 ? pick(COMMON_ASPECTS) : between(1, options.realistic ? 4 : 8);
  const short = extreme
    ? Math.round(between(32, 200))
    : random() < 0.5
      ? pick(COMMON_SHORT_SIDES)
      : Math.round(between(options.realistic ? 100 : 32, 4320));
  const long = Math.max(short, Math.round(short * elongation));
  const portrait = random() < 0.4;
  const rotation = pick<Rotation>([0, 0, 0, 90, 180, 270]);
  return {
    container: pick(CONTAINERS),
    video: {
      codec: pick(["AVC", "HEVC", "VP9", "AV1", "PRORES"]),
      display: portrait ? { width: short, height: long } : { width: long, height: short },
      rotation,
      rotationSource: rotation === 0 ? "none" : pick(["container", "codec"] as const),
      frameRate: pick(FRAME_RATES),
    },
    audioTrackCount: pick([0, 1, 1, 2]),
    durationSeconds: random() < 0.1 ? between(0.04, 2) : between(2, 6 * 3600),
  };
}

export function randomSources(seed: number, count: number, options: ShapeOptions = {}): VideoSource[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => randomSource(random, options));
}

/** A source of the given display size with ordinary everything else. */
export function sourceOfSize(width: number, height: number, overrides: Partial<VideoSource> = {}): VideoSource {
  return {
    container: "mp4",
    video: { codec: "AVC", display: { width, height }, rotation: 0, rotationSource: "none", frameRate: { numerator: 30, denominator: 1 } },
    audioTrackCount: 1,
    durationSeconds: 60,
    ...overrides,
  };
}

/** One upload and its job's input and output folder, as `planSourceJob` takes them. */
export const JOB_UUID = "0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11";
export const JOB_UPLOAD_ID = `${JOB_UUID}.mp4`;
export const JOB_INPUT = { fileInput: `s3://raw/uploads/${JOB_UPLOAD_ID}`, destination: `s3://out/vod/${JOB_UUID}/` };
