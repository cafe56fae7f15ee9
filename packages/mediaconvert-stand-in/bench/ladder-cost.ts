/**
 * `pnpm bench`: MediaConvert's billable output minutes per pricing tier of the jobs we derive for
 * a corpus of generated sources, against the fixed four-rung `MovieHLS` job, and their ratio.
 * Target: the derived jobs cost at most 0.6 of the fixed ones. Prints; asserts nothing.
 *
 * Each source is a real clip, probed through the path production uses (Probe → readProbe →
 * decideSource → planSourceJob). The clips are short to keep the bench quick; output minutes
 * grow linearly with duration, so every job is counted as if its source lasted STATED_SECONDS,
 * and every source weighs the same in the totals.
 */
import type { JobSettings } from "@aws-sdk/client-mediaconvert";
import {
  addMinutes,
  buildMovieHlsJobSettings,
  costUnitsOf,
  jobOutputMinutes,
  NO_MINUTES,
  planSourceJob,
  PRICING_TIERS,
  TIER_RATE,
  type LineCount,
  type TierMinutes,
} from "@video-platform/shared-types";
import { probeCorpus, type CorpusEntry, type ProbedSource } from "./probed-corpus.js";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
const TARGET_RATIO = 0.6;
const CLIP_SECONDS = 2;
const STATED_SECONDS = 600;

const CORPUS: readonly CorpusEntry[] = [
  { name: "2160p landscape, H.264/AAC MP4", file: "uhd.mp4", clip: { width: 3840, height: 2160 } },
  { name: "1080p landscape, H.264/AAC MP4", file: "hd.mp4", clip: { width: 1920, height: 1080 } },
  { name: "720p portrait phone clip, H.264/AAC MOV stored 1280×720, rotated 90°", file: "phone.mov", clip: { width: 1280, height: 720, rotation: 90 } },
  { name: "480p 4:3 (640×480), H.264/AAC MP4", file: "sd.mp4", clip: { width: 640, height: 480 } },
  { name: "242p screen recording (430×242), VP9/Opus WebM at 25 fps", file: "screen.webm", clip: { width: 430, height: 242, frameRate: 25 } },
  { name: "1080×1920 phone clip without audio, H.264 MP4", file: "silent.mp4", clip: { width: 1080, height: 1920, audio: false } },
];

interface Row {
  readonly probed: ProbedSource;
  readonly rungs: string;
  readonly derived: TierMinutes;
  readonly renditionsOnly: TierMinutes;
  readonly fixed: TierMinutes;
}

/** The job without its frame-capture group: what the renditions alone cost. */
const renditionsOf = (settings: JobSettings): JobSettings => ({
  ...settings,
  OutputGroups: settings.OutputGroups?.filter((group) => group.OutputGroupSettings?.Type !== "FILE_GROUP_SETTINGS"),
});

function rowsFor(corpus: readonly ProbedSource[], lines: LineCount): Row[] {
  return corpus.map((probed) => {
    const uploadId = probed.entry.file;
    const destination = `s3://bench-processed/vod/${uploadId.replace(/\.[^.]+$/, "")}/`;
    const { settings, summary } = planSourceJob(uploadId, { fileInput: probed.fileUrl, destination }, probed.source);
    const fixedJob = buildMovieHlsJobSettings({ fileInput: probed.fileUrl, destination });
    return {
      probed,
      rungs: summary.renditions.map((rendition) => `${rendition.width}×${rendition.height}`).join(" "),
      derived: jobOutputMinutes(settings, STATED_SECONDS, lines),
      renditionsOnly: jobOutputMinutes(renditionsOf(settings), STATED_SECONDS, lines),
      fixed: jobOutputMinutes(fixedJob, STATED_SECONDS, lines),
    };
  });
}

const tiers = (minutes: TierMinutes) => PRICING_TIERS.map((tier) => `${tier} ${minutes[tier].toFixed(0).padStart(3)}`).join("  ");
const total = (rows: Row[], pick: (row: Row) => TierMinutes) => rows.reduce((sum, row) => addMinutes(sum, pick(row)), NO_MINUTES);
const minutesOf = (minutes: TierMinutes) => PRICING_TIERS.reduce((sum, tier) => sum + minutes[tier], 0);
const ratioOf = (rows: Row[], pick: (row: Row) => TierMinutes) => costUnitsOf(total(rows, pick)) / costUnitsOf(total(rows, (row) => row.fixed));

function probedFacts({ source }: ProbedSource): string {
  const rate = source.video.frameRate ? `${(source.video.frameRate.numerator / source.video.frameRate.denominator).toFixed(2)} fps` : "frame rate unknown";
  const rotation = source.video.rotation ? `, rotated ${source.video.rotation}°` : "";
  return `${source.container} ${source.video.codec} ${source.video.display.width}×${source.video.display.height}${rotation}, ${rate}, ${source.audioTrackCount} audio track(s), ${source.durationSeconds.toFixed(2)} s`;
}

const corpus = await probeCorpus(CORPUS, CLIP_SECONDS);
const rows = rowsFor(corpus, "short-side");
console.log(
  `MediaConvert billable output minutes per tier (SD < 720 lines ≤ HD ≤ 1080 < UHD), ${CORPUS.length} generated sources, ` +
    `each probed through Probe → readProbe → decideSource → planSourceJob and counted as ${STATED_SECONDS / 60} min long; ` +
    `derived jobs against the fixed four-rung MovieHLS job`,
);
for (const row of rows) {
  console.log(`  ${row.probed.entry.name}`);
  console.log(`      probed  ${probedFacts(row.probed)}`);
  console.log(`      rungs   ${row.rungs} + previews`);
  console.log(`      derived ${tiers(row.derived)}   fixed ${tiers(row.fixed)}   cost ratio ${(costUnitsOf(row.derived) / costUnitsOf(row.fixed)).toFixed(2)}`);
}
const derived = total(rows, (row) => row.derived);
const fixed = total(rows, (row) => row.fixed);
const costRatio = ratioOf(rows, (row) => row.derived);
const renditionsRatio = ratioOf(rows, (row) => row.renditionsOnly);
console.log(`  total   derived ${tiers(derived)}   fixed ${tiers(fixed)}`);
console.log(`  output minutes ratio ${(minutesOf(derived) / minutesOf(fixed)).toFixed(2)}`);
console.log(
  `  cost ratio (minutes weighted SD:HD:UHD = ${PRICING_TIERS.map((tier) => TIER_RATE[tier]).join(":")}) ${costRatio.toFixed(2)}; ` +
    `target ≤ ${TARGET_RATIO}: ${costRatio <= TARGET_RATIO ? "met" : "MISSED"}`,
);
console.log(`    renditions alone ${renditionsRatio.toFixed(2)}; the poster/previews output ${(costRatio - renditionsRatio).toFixed(2)}`);
const strict = rowsFor(corpus, "height");
console.log(`  if portrait outputs were billed by their height rather than their short side: cost ratio ${ratioOf(strict, (row) => row.derived).toFixed(2)}`);
console.log("  assumptions:");
console.log("    - every output is billed for the whole duration at its tier's rate, by the second with a 10 s minimum; frame rate, codec and");
console.log("      the Basic/Professional tier apply alike to both jobs and cancel out of the ratio");
console.log("    - the frame-capture (poster/previews) output is billed like a video output of the whole duration at its picture's tier (SD):");
console.log("      MediaConvert's pricing documents no rate for frame capture, and its COMPLETE event reports that output with the input's");
console.log("      whole duration; if frame capture is free, the figure is the renditions-alone ratio");
console.log("    - the corpus gives each source shape equal weight; a library of mostly 1080p-and-up landscape video saves less, one of phone");
console.log("      clips and screen recordings more");
