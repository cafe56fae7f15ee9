/** One rendition the player can be held to. */
export interface QualityLevel {
  readonly index: number;
  readonly label: string;
  /** "720p": what "Auto" says it is playing. */
  readonly shortLabel: string;
}

interface LevelLike {
  readonly height?: number;
  readonly width?: number;
  readonly bitrate: number;
}

function formatBitrate(bitsPerSecond: number): string {
  return bitsPerSecond >= 1_000_000 ? `${(bitsPerSecond / 1_000_000).toFixed(1)} Mbps` : `${Math.round(bitsPerSecond / 1000)} kbps`;
}

/**
 * "720p (6.0 Mbps)" for each level the player reports, tallest first as people expect a quality
 * menu to read; the index stays the player's own.
 */
export function qualityLevels(levels: readonly LevelLike[]): QualityLevel[] {
  return levels
    .map((level, index) => ({ index, level }))
    .sort((a, b) => (b.level.height ?? 0) - (a.level.height ?? 0) || b.level.bitrate - a.level.bitrate)
    .map(({ index, level }) => ({
      index,
      label: level.height ? `${level.height}p (${formatBitrate(level.bitrate)})` : formatBitrate(level.bitrate),
      shortLabel: level.height ? `${level.height}p` : formatBitrate(level.bitrate),
    }));
}
