import { MovieHlsLadder, type HlsRung, type MovieHlsLadderSpec, type MovieHlsRendition, type RungEncoding } from "./movie-hls-ladder.js";
import { elongationOf, fitEven, laidOut, longSideOf, orientationOf, shortSideOf, type PictureSize } from "./picture-size.js";
import type { FrameRate } from "./source-facts.js";
import type { VideoSource } from "./source-decision.js";

/** The encodes of one source: its rungs, largest first, and how each is encoded. */
export interface SourceLadder {
  readonly rungs: readonly HlsRung[];
  readonly encoding: RungEncoding;
}

export const MAX_FRAME_RATE = 60;

/**
 * A source that falls between two rungs (480p, 900p) also gets a rung at its own size, when that
 * is at least this much taller than the rung below it; closer than that, the extra encode would
 * cost a full output for a picture players can hardly tell apart.
 */
export const SOURCE_RUNG_MIN_STEP = 1.2;

interface Box {
  readonly long: number;
  readonly short: number;
  readonly rendition: MovieHlsRendition;
}

const pixelsOf = (size: { readonly width: number; readonly height: number }) => size.width * size.height;

function boxesOf(ladder: MovieHlsLadderSpec): Box[] {
  return ladder.renditions
    .map((rendition) => {
      const size = { width: rendition.video.Width, height: rendition.video.Height };
      return { long: longSideOf(size), short: shortSideOf(size), rendition };
    })
    .sort((a, b) => b.long * b.short - a.long * a.short);
}

/**
 * A rung's bitrate cap, read off the `MovieHLS` rungs' (pixels, cap) points, straight between
 * them and proportional below the smallest: a 1080×1920 rung gets the 1080p cap, a 480×360 rung
 * three quarters of the 360p cap.
 */
export function bitrateCapFor(pixels: number, ladder: MovieHlsLadderSpec = MovieHlsLadder): number {
  const points = boxesOf(ladder)
    .map((box) => ({ pixels: box.long * box.short, cap: box.rendition.h264.MaxBitrate }))
    .reverse();
  let previous = { pixels: 0, cap: 0 };
  let cap = points.at(-1)?.cap ?? 0;
  for (const point of points) {
    if (pixels <= point.pixels) {
      cap = previous.cap + ((point.cap - previous.cap) * (pixels - previous.pixels)) / (point.pixels - previous.pixels);
      break;
    }
    previous = point;
  }
  return Math.max(1000, Math.round(cap / 1000) * 1000);
}

/** The `MovieHLS` rung whose quality level and audio a derived rung takes: the smallest as large as it. */
function referenceOf(boxes: readonly Box[], pixels: number): MovieHlsRendition {
  const atLeast = boxes.filter((box) => box.long * box.short >= pixels);
  return (atLeast.at(-1) ?? boxes[0]!).rendition;
}

function rungAt(size: PictureSize, boxes: readonly Box[], ladder: MovieHlsLadderSpec, hasAudio: boolean): HlsRung {
  const reference = referenceOf(boxes, pixelsOf(size));
  return {
    nameModifier: `_${shortSideOf(size)}p`,
    width: size.width,
    height: size.height,
    maxBitrate: bitrateCapFor(pixelsOf(size), ladder),
    qvbrQualityLevel: reference.h264.QvbrSettings.QvbrQualityLevel,
    audioBitrate: hasAudio ? reference.audio.Bitrate : undefined,
  };
}

/**
 * The rungs for one source. Each `MovieHLS` rung is a box (1920×1080, ...; turned upright for
 * a portrait source); the source's picture is fitted in each box with its own aspect and even
 * sides; boxes whose fitted picture would be larger than the source are dropped; a source
 * between rungs, or under the smallest, adds a rung at its own size.
 */
export function deriveRungSizes(display: PictureSize, ladder: MovieHlsLadderSpec = MovieHlsLadder): PictureSize[] {
  const orientation = orientationOf(display);
  const elongation = elongationOf(display);
  const sourceLong = longSideOf(display);
  const sourceShort = shortSideOf(display);
  const boxes = boxesOf(ladder);
  const kept = boxes
    .map((box) => fitEven(elongation, { maxLong: box.long, maxShort: box.short, sourceLong }))
    .filter((fit) => fit.long <= sourceLong && fit.short <= sourceShort);
  const top = boxes[0]!;
  const ownSize = fitEven(elongation, {
    maxLong: Math.min(top.long, sourceLong),
    maxShort: Math.min(top.short, sourceShort),
    sourceLong,
  });
  const largestKept = kept[0];
  const sizes = !largestKept || ownSize.short >= SOURCE_RUNG_MIN_STEP * largestKept.short ? [ownSize, ...kept] : kept;
  // Each rung strictly smaller than the one above: on very elongated pictures several boxes
  // come down to the same 32-pixel short side, and only the first of them is kept.
  const descending = sizes.filter((size, index) => index === 0 || size.short < sizes[index - 1]!.short);
  return descending.map((size) => laidOut(size.long, size.short, orientation));
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Frame rate follows the source up to 60 fps. Faster sources (120 and 240 fps slow-motion phone
 * video) are divided by a whole number, so frames drop evenly: 120 → 60, 90 → 45, 150 → 50.
 * A source a hair over 60 (a variable-rate clip measured at 60.2) is encoded at exactly 60.
 */
export function frameRateEncoding(rate: FrameRate | undefined): RungEncoding {
  const fps = rate ? rate.numerator / rate.denominator : 0;
  if (!rate || fps <= MAX_FRAME_RATE) return { FramerateControl: "INITIALIZE_FROM_SOURCE" };
  const divisor = Math.max(1, Math.ceil(fps / MAX_FRAME_RATE - 0.02));
  const [numerator, denominator] =
    fps / divisor > MAX_FRAME_RATE ? [MAX_FRAME_RATE, 1] : [rate.numerator, rate.denominator * divisor];
  const common = gcd(numerator, denominator);
  return {
    FramerateControl: "SPECIFIED",
    FramerateNumerator: numerator / common,
    FramerateDenominator: denominator / common,
    FramerateConversionAlgorithm: "DUPLICATE_DROP",
  };
}

/** Square pixels out, whatever the source's: the rung sizes already are the display size. */
const SQUARE_PIXELS: RungEncoding = { ParControl: "SPECIFIED", ParNumerator: 1, ParDenominator: 1 };

export function deriveLadder(source: VideoSource, ladder: MovieHlsLadderSpec = MovieHlsLadder): SourceLadder {
  const boxes = boxesOf(ladder);
  const hasAudio = source.audioTrackCount > 0;
  return {
    rungs: deriveRungSizes(source.video.display, ladder).map((size) => rungAt(size, boxes, ladder, hasAudio)),
    encoding: { ...frameRateEncoding(source.video.frameRate), ...SQUARE_PIXELS },
  };
}
