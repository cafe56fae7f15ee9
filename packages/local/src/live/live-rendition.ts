import { LiveLadder, type LiveLadderSpec, type LiveRendition } from "@video-platform/shared-types";

export class LiveLadderError extends Error {
  override readonly name = "LiveLadderError";
}

/**
 * The rungs of the live ladder the local encoder can afford: those no taller than `maxHeight`.
 * One machine with two cores encodes in real time what MediaLive spreads over dedicated hardware.
 */
export function localLiveRenditions(maxHeight: number, ladder: LiveLadderSpec = LiveLadder): LiveRendition[] {
  const renditions = ladder.renditions.filter((rendition) => rendition.height <= maxHeight);
  if (renditions.length === 0) {
    const smallest = Math.min(...ladder.renditions.map((rendition) => rendition.height));
    throw new LiveLadderError(`no live rendition is ${maxHeight}p or smaller; the smallest is ${smallest}p`);
  }
  return renditions;
}
