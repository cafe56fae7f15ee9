/** SINGLE_PIPELINE (one encoder pipeline, half the price) or STANDARD (two, in two Availability Zones). */
export type LiveChannelClass = "SINGLE_PIPELINE" | "STANDARD";

/**
 * Sources a channel of each class ingests, one per pipeline. MediaLive's API: a STANDARD input
 * has two sources and a STANDARD channel ingests both; a SINGLE_PIPELINE input "is not valid" on
 * a STANDARD channel; a SINGLE_PIPELINE channel ingests only the first source of an input.
 */
export const SOURCES_PER_CHANNEL_CLASS: Readonly<Record<LiveChannelClass, 1 | 2>> = { SINGLE_PIPELINE: 1, STANDARD: 2 };
