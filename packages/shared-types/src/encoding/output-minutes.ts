import type { JobSettings } from "@aws-sdk/client-mediaconvert";
import { shortSideOf, type PictureSize } from "./picture-size.js";

/**
 * What a job costs, in MediaConvert's terms: every output is billed for the whole duration, by
 * the second with a 10-second minimum, at the rate of its resolution's pricing tier. SD is below
 * 720 lines, HD 720 to 1080, UHD above. Frame rate, codec and tier multipliers apply alike to
 * the jobs compared here, so they cancel out of a ratio and are left out.
 */
export const PRICING_TIERS = ["SD", "HD", "UHD"] as const;
export type PricingTier = (typeof PRICING_TIERS)[number];
export type TierMinutes = Readonly<Record<PricingTier, number>>;

/** Relative per-minute rates: MediaConvert's on-demand AVC rates stand SD : HD : UHD = 1 : 2 : 4. */
export const TIER_RATE: TierMinutes = { SD: 1, HD: 2, UHD: 4 };

/**
 * How an output's lines are counted. AWS defines the tiers by lines of vertical resolution, which
 * for landscape video is the short side. We count the short side for portrait video too (a
 * 1080×1920 rendition is "1080p"); `height` is the stricter reading, under which portrait
 * renditions move up a tier. The bench prints both.
 */
export type LineCount = "short-side" | "height";

export const MIN_BILLED_SECONDS = 10;

export function pricingTierOf(size: PictureSize, lines: LineCount = "short-side"): PricingTier {
  const count = lines === "height" ? size.height : shortSideOf(size);
  if (count < 720) return "SD";
  return count <= 1080 ? "HD" : "UHD";
}

export function billedMinutesOf(durationSeconds: number): number {
  return Math.max(MIN_BILLED_SECONDS, Math.ceil(durationSeconds - 1e-9)) / 60;
}

export const NO_MINUTES: TierMinutes = { SD: 0, HD: 0, UHD: 0 };

export function addMinutes(a: TierMinutes, b: TierMinutes): TierMinutes {
  return { SD: a.SD + b.SD, HD: a.HD + b.HD, UHD: a.UHD + b.UHD };
}

/** The billable output minutes of a job's settings, per pricing tier. Every output must state its size. */
export function jobOutputMinutes(settings: JobSettings, durationSeconds: number, lines: LineCount = "short-side"): TierMinutes {
  const minutes = billedMinutesOf(durationSeconds);
  let total = NO_MINUTES;
  for (const group of settings.OutputGroups ?? []) {
    for (const output of group.Outputs ?? []) {
      const width = output.VideoDescription?.Width;
      const height = output.VideoDescription?.Height;
      if (!width || !height) throw new RangeError(`output ${output.NameModifier ?? group.Name ?? "?"} states no picture size`);
      total = addMinutes(total, { ...NO_MINUTES, [pricingTierOf({ width, height }, lines)]: minutes });
    }
  }
  return total;
}

/** Minutes weighted by their tier's rate: proportional to the bill, in SD-minute units. */
export function costUnitsOf(minutes: TierMinutes): number {
  return PRICING_TIERS.reduce((total, tier) => total + minutes[tier] * TIER_RATE[tier], 0);
}
