import type { JobSettings, VideoSelector } from "@aws-sdk/client-mediaconvert";
import * as z from "zod";
import type { UploadId } from "../upload-key.js";
import { hlsOutputGroup, hlsRenditionOutput, movieInput, MovieHlsLadder, type MovieHlsLadderSpec } from "./movie-hls-ladder.js";
import type { VideoTrackFacts } from "./source-facts.js";
import type { VideoSource } from "./source-decision.js";
import { deriveLadder, type SourceLadder } from "./source-ladder.js";
import { posterPathFor, stillsOutputGroup } from "./stills.js";

/** What the status API says about a transcoded video: enough to list it and size its player. */
export const RenditionSummary = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The most the rendition may need, in bits per second: its video cap plus its audio. */
  bitrate: z.number().int().positive(),
});
export type RenditionSummary = z.infer<typeof RenditionSummary>;

export const VideoSummary = z.object({
  /** Relative to the processed bucket and the CDN, like the playlist. */
  posterPath: z.string().min(1),
  durationSeconds: z.number().positive(),
  /** The largest rendition's size: what viewers get, with the source's aspect. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  renditions: z.array(RenditionSummary).min(1),
});
export type VideoSummary = z.infer<typeof VideoSummary>;

export interface SourceJobInput {
  /** `s3://bucket/uploads/<uploadId>`: the raw upload. */
  readonly fileInput: string;
  /** The video's own output folder, `s3://bucket/vod/<uuid>/`: the playlists and the previews go under it. */
  readonly destination: string;
}

/** A job for one source, and what it will produce, from the same derived ladder. */
export interface SourceJobPlan {
  readonly settings: JobSettings;
  readonly summary: VideoSummary;
}

/** MediaConvert reads rotation metadata itself (`AUTO`) only from MP4 and QuickTime files. */
const AUTO_ROTATE_CONTAINERS: readonly string[] = ["mp4", "quicktime"];

function videoSelectorFor(source: VideoSource): VideoSelector {
  const video: VideoTrackFacts = source.video;
  if (video.rotation === 0) return {};
  if (video.rotationSource === "container" && AUTO_ROTATE_CONTAINERS.includes(source.container)) return { Rotate: "AUTO" };
  return { Rotate: `DEGREES_${video.rotation}` };
}

export function buildSourceJobSettings(
  input: SourceJobInput,
  source: VideoSource,
  ladder: MovieHlsLadderSpec = MovieHlsLadder,
  derived: SourceLadder = deriveLadder(source, ladder),
): JobSettings {
  if (!input.destination.endsWith("/")) throw new RangeError(`destination must be a folder ending in "/": ${input.destination}`);
  return {
    TimecodeConfig: { Source: "ZEROBASED" },
    Inputs: [
      {
        ...movieInput({ hasAudio: source.audioTrackCount > 0 }),
        VideoSelector: videoSelectorFor(source),
        FileInput: input.fileInput,
      },
    ],
    OutputGroups: [
      hlsOutputGroup(
        ladder,
        derived.rungs.map((rung) => hlsRenditionOutput(ladder, rung, derived.encoding)),
        input.destination,
      ),
      stillsOutputGroup(source, input.destination, ladder),
    ],
  };
}

export function videoSummaryFor(uploadId: UploadId, source: VideoSource, derived: SourceLadder): VideoSummary {
  const renditions = derived.rungs.map((rung) => ({
    width: rung.width,
    height: rung.height,
    bitrate: rung.maxBitrate + (rung.audioBitrate ?? 0),
  }));
  const largest = renditions[0]!;
  return {
    posterPath: posterPathFor(uploadId),
    durationSeconds: source.durationSeconds,
    width: largest.width,
    height: largest.height,
    renditions,
  };
}

/** The job settings and the status summary of one accepted source. */
export function planSourceJob(
  uploadId: UploadId,
  input: SourceJobInput,
  source: VideoSource,
  ladder: MovieHlsLadderSpec = MovieHlsLadder,
): SourceJobPlan {
  const derived = deriveLadder(source, ladder);
  return { settings: buildSourceJobSettings(input, source, ladder, derived), summary: videoSummaryFor(uploadId, source, derived) };
}
