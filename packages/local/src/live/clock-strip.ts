/**
 * A machine-readable wall clock burned into the test pattern: a strip of black and white blocks,
 * a white and a black marker block, then the frame's epoch milliseconds in binary, most
 * significant bit first. Large blocks of pure black or white survive H.264 at any bitrate of the
 * ladder, so the playing video can be read back exactly.
 */
export const CLOCK_STRIP = {
  /** The sender's frame size the layout is drawn in; readers scale by the played video's width. */
  frameWidth: 960,
  frameHeight: 540,
  x: 16,
  y: 16,
  blockSize: 16,
  markerBlocks: 2,
  /** 44 bits of milliseconds reach the year 2527. */
  dataBits: 44,
} as const;

export const CLOCK_STRIP_BLOCKS = CLOCK_STRIP.markerBlocks + CLOCK_STRIP.dataBits;
export const CLOCK_STRIP_WIDTH = CLOCK_STRIP_BLOCKS * CLOCK_STRIP.blockSize;

/**
 * ffmpeg `geq` luma expression for the strip (a CLOCK_STRIP_WIDTH × blockSize gray image) whose
 * first frame shows `startEpochMs` and each later frame its own time `T` on top. Powers of two
 * divide exactly in doubles, so every bit is exact for any epoch time below 2^53.
 */
export function clockStripLumaExpression(startEpochMs: number): string {
  if (!Number.isSafeInteger(startEpochMs) || startEpochMs < 0) throw new RangeError("startEpochMs must be a safe integer");
  const { blockSize, markerBlocks, dataBits } = CLOCK_STRIP;
  const block = `floor(X/${blockSize})`;
  const lastBit = markerBlocks + dataBits - 1;
  const bit = `mod(floor((${startEpochMs}+floor(T*1000))/pow(2,${lastBit}-${block})),2)`;
  return `if(eq(${block},0),255,if(eq(${block},1),0,255*${bit}))`;
}

/** Where to sample each block's centre in a video `videoWidth` pixels wide: [x, y] pairs. */
export function clockStripSamplePoints(videoWidth: number): [number, number][] {
  const scale = videoWidth / CLOCK_STRIP.frameWidth;
  const { x, y, blockSize } = CLOCK_STRIP;
  return Array.from({ length: CLOCK_STRIP_BLOCKS }, (_, block) => [
    Math.round((x + (block + 0.5) * blockSize) * scale),
    Math.round((y + blockSize / 2) * scale),
  ]);
}

/**
 * Reads the epoch milliseconds back from the luma (0-255) of each block's centre, or undefined
 * when the markers are not where they should be (no strip, or a frame mid-transition).
 */
export function decodeClockStrip(luma: readonly number[]): number | undefined {
  if (luma.length !== CLOCK_STRIP_BLOCKS) return undefined;
  const bits = luma.map((value) => (value >= 128 ? 1 : 0));
  if (bits[0] !== 1 || bits[1] !== 0) return undefined;
  // Arithmetic, not bit operators: they would truncate to 32 bits.
  return bits.slice(CLOCK_STRIP.markerBlocks).reduce<number>((value, bit) => value * 2 + bit, 0);
}

/**
 * A filtergraph that draws the strip over the video `input` (a frameWidth × frameHeight stream at
 * `frameRate`) and labels the result `output`.
 */
export function clockStripOverlayFilter(startEpochMs: number, frameRate: number, input = "[0:v]", output = "[v]"): string {
  const { x, y, blockSize } = CLOCK_STRIP;
  const strip = `color=c=black:s=${CLOCK_STRIP_WIDTH}x${blockSize}:r=${frameRate},format=gray,geq=lum='${clockStripLumaExpression(startEpochMs)}'[strip]`;
  return `${strip};${input}[strip]overlay=x=${x}:y=${y}:shortest=1,format=yuv420p${output}`;
}
