/**
 * `pnpm bench`: MediaConvert's billable output minutes per pricing tier of the jobs we derive for
 * a corpus of sources, against the fixed four-rung `MovieHLS` job, and their ratio. Target: the
 * derived jobs cost at most 0.6 of the fixed ones. Prints; asserts nothing.
 *
 * The corpus is written as the facts Probe reports for each file. Every source lasts 10 minutes,
 * so each weighs the same in the totals.
 */
import type { JobSettings } from "@aws-sdk/client-mediaconvert";
import {
  addMinutes,
  buildMovieHlsJobSettings,
  costUnitsOf,
  decideSource,
  jobOutputMinutes,
  NO_MINUTES,
  planSourceJob,
  PRICING_TIERS,
  TIER_RATE,
  type LineCount,
  type SourceFacts,
  type TierMinutes,
  type VideoTrackFacts,
} from "../src/index.js";

const TARGET_RATIO = 0.6;
const DURATION_SECONDS = 600;
const UUID = "0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11";

const video = (width: number, height: number, codec: string, fps = 30, rotated = false): VideoTrackFacts => ({
  codec,
  display: { width, height },
  rotation: rotated ? 90 : 0,
  rotationSource: rotated ? "container" : "none",
  frameRate: { numerator: fps, denominator: 1 },
});

const CORPUS: readonly { readonly name: string; readonly facts: SourceFacts }[] = [
  { name: "2160p landscape, H.264 MP4", facts: { container: "mp4", video: video(3840, 2160, "AVC"), audioTrackCount: 1, durationSeconds: DURATION_SECONDS } },
  { name: "1080p landscape, H.264 MP4", facts: { container: "mp4", video: video(1920, 1080, "AVC"), audioTrackCount: 1, durationSeconds: DURATION_SECONDS } },
  {
    name: "720p portrait phone clip, HEVC MOV (stored 1280×720, rotated 90°)",
    facts: { container: "quicktime", video: video(720, 1280, "HEVC", 30, true), audioTrackCount: 1, durationSeconds: DURATION_SECONDS },
  },
  { name: "480p 4:3 (640×480), H.264 MP4", facts: { container: "mp4", video: video(640, 480, "AVC"), audioTrackCount: 1, durationSeconds: DURATION_SECONDS } },
  { name: "242p screen recording (430×242), VP9 WebM", facts: { container: "webm", video: video(430, 242, "VP9", 25), audioTrackCount: 1, durationSeconds: DURATION_SECONDS } },
  { name: "audio-less 1080×1920 phone clip, H.264 MP4", facts: { container: "mp4", video: video(1080, 1920, "AVC"), audioTrackCount: 0, durationSeconds: DURATION_SECONDS } },
];

const input = { fileInput: `s3://raw/uploads/${UUID}.mp4`, destination: `s3://processed/vod/${UUID}/` };
const fixedJob = buildMovieHlsJobSettings(input);

interface Row {
  readonly name: string;
  readonly rungs: string;
  readonly derived: TierMinutes;
  readonly renditionsOnly: TierMinutes;
  readonly fixed: TierMinutes;
}

const withoutStills = (settings: JobSettings): JobSettings => ({ ...settings, OutputGroups: settings.OutputGroups?.slice(0, 1) });

function rowsFor(lines: LineCount): Row[] {
  return CORPUS.map(({ name, facts }) => {
    const decision = decideSource({ readable: true, facts });
    if (!decision.accepted) throw new Error(`${name}: refused: ${decision.reason}`);
    const { settings, summary } = planSourceJob(`${UUID}.mp4`, input, decision.source);
    return {
      name,
      rungs: summary.renditions.map((rendition) => `${rendition.width}×${rendition.height}`).join(" "),
      derived: jobOutputMinutes(settings, DURATION_SECONDS, lines),
      renditionsOnly: jobOutputMinutes(withoutStills(settings), DURATION_SECONDS, lines),
      fixed: jobOutputMinutes(fixedJob, DURATION_SECONDS, lines),
    };
  });
}

const tiers = (minutes: TierMinutes) => PRICING_TIERS.map((tier) => `${tier} ${minutes[tier].toFixed(0).padStart(3)}`).join("  ");
const total = (rows: Row[], pick: (row: Row) => TierMinutes) => rows.reduce((sum, row) => addMinutes(sum, pick(row)), NO_MINUTES);
const minutesOf = (minutes: TierMinutes) => PRICING_TIERS.reduce((sum, tier) => sum + minutes[tier], 0);

const rows = rowsFor("short-side");
console.log(
  `billable MediaConvert output minutes per tier, ${CORPUS.length} sources of ${DURATION_SECONDS / 60} min; ` +
    `derived jobs (renditions + one poster/preview output) against the fixed four-rung MovieHLS job`,
);
for (const row of rows) {
  const ratio = costUnitsOf(row.derived) / costUnitsOf(row.fixed);
  console.log(`  ${row.name}`);
  console.log(`      rungs ${row.rungs}`);
  console.log(`      derived ${tiers(row.derived)}   fixed ${tiers(row.fixed)}   cost ratio ${ratio.toFixed(2)}`);
}
const derived = total(rows, (row) => row.derived);
const fixed = total(rows, (row) => row.fixed);
const costRatio = costUnitsOf(derived) / costUnitsOf(fixed);
console.log(`  total derived ${tiers(derived)}   fixed ${tiers(fixed)}`);
console.log(`  output minutes ratio ${(minutesOf(derived) / minutesOf(fixed)).toFixed(2)}`);
console.log(
  `  cost ratio (minutes weighted SD:HD:UHD = ${PRICING_TIERS.map((tier) => TIER_RATE[tier]).join(":")}) ${costRatio.toFixed(2)}; ` +
    `target ≤ ${TARGET_RATIO}: ${costRatio <= TARGET_RATIO ? "met" : "MISSED"}`,
);
const renditionsRatio = costUnitsOf(total(rows, (row) => row.renditionsOnly)) / costUnitsOf(fixed);
console.log(`  of which renditions alone ${renditionsRatio.toFixed(2)}, the poster/preview output ${(costRatio - renditionsRatio).toFixed(2)}`);
const strict = rowsFor("height");
const strictRatio = costUnitsOf(total(strict, (row) => row.derived)) / costUnitsOf(total(strict, (row) => row.fixed));
console.log(`  if portrait outputs are billed by their height rather than their short side: cost ratio ${strictRatio.toFixed(2)}`);
