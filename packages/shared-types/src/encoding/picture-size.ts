/**
 * Picture sizes as a ladder needs them: orientation-free (long side, short side), even, and
 * within MediaConvert's bounds. H.264 in 4:2:0 needs even dimensions, and MediaConvert takes
 * output sides from 32 to 8192 pixels.
 */
export interface PictureSize {
  readonly width: number;
  readonly height: number;
}

export type Orientation = "landscape" | "portrait" | "square";

export const MIN_OUTPUT_SIDE = 32;
export const MAX_OUTPUT_SIDE = 8192;

export function orientationOf(size: PictureSize): Orientation {
  if (size.width === size.height) return "square";
  return size.width > size.height ? "landscape" : "portrait";
}

export function shortSideOf(size: PictureSize): number {
  return Math.min(size.width, size.height);
}

export function longSideOf(size: PictureSize): number {
  return Math.max(size.width, size.height);
}

/** Long side over short side: 1 for a square, 16/9 for both 1920×1080 and 1080×1920. */
export function elongationOf(size: PictureSize): number {
  return longSideOf(size) / shortSideOf(size);
}

/** The relative difference between two pictures' aspect ratios (0.01 is 1 %). */
export function aspectDeviation(a: PictureSize, b: PictureSize): number {
  const ratioA = a.width / a.height;
  const ratioB = b.width / b.height;
  return Math.abs(ratioA - ratioB) / ratioB;
}

const evenFloor = (value: number): number => 2 * Math.floor(value / 2 + 1e-9);
const evenRound = (value: number): number => 2 * Math.round(value / 2);

/** A size given as its long and short sides, laid out in an orientation. */
export function laidOut(long: number, short: number, orientation: Orientation): PictureSize {
  return orientation === "portrait" ? { width: short, height: long } : { width: long, height: short };
}

/**
 * The largest even size with the given elongation whose long side is at most `maxLong` and
 * short side at most `maxShort`, as (long, short). When that would leave the short side under
 * MediaConvert's 32 pixels (a very elongated picture), the short side is raised to 32 and the
 * long side follows, bounded only by `sourceLong`.
 */
export function fitEven(
  elongation: number,
  bound: { readonly maxLong: number; readonly maxShort: number; readonly sourceLong: number },
): { readonly long: number; readonly short: number } {
  const maxLong = evenFloor(bound.maxLong);
  const maxShort = evenFloor(bound.maxShort);
  let short: number;
  let long: number;
  if (maxShort * elongation <= maxLong) {
    short = maxShort;
    long = Math.min(evenRound(short * elongation), maxLong);
  } else {
    long = maxLong;
    short = Math.min(evenRound(long / elongation), maxShort);
  }
  if (short < MIN_OUTPUT_SIDE) {
    short = MIN_OUTPUT_SIDE;
    long = Math.min(evenRound(short * elongation), evenFloor(bound.sourceLong));
  }
  return { long: Math.max(long, short), short };
}
