import * as z from "zod";
import { MEDIACONVERT_JOB_STATE_CHANGE } from "../topology/event-sources.js";

/** User metadata every job of this platform carries; the event rule and the handlers key on it. */
export const MovieJobMetadata = z.object({
  uploadId: z.string().min(1),
  fileName: z.string().min(1),
  platform: z.string().min(1),
});
export type MovieJobMetadata = z.infer<typeof MovieJobMetadata>;

const common = {
  timestamp: z.number().optional(),
  accountId: z.string().optional(),
  queue: z.string().optional(),
  jobId: z.string().min(1),
  userMetadata: z.record(z.string(), z.string()).default({}),
};

const OutputGroupDetail = z.object({
  type: z.string().optional(),
  playlistFilePaths: z.array(z.string()).optional(),
  outputDetails: z
    .array(
      z.object({
        outputFilePaths: z.array(z.string()).optional(),
        durationInMs: z.number().optional(),
        videoDetails: z.object({ widthInPx: z.number(), heightInPx: z.number() }).partial().optional(),
      }),
    )
    .optional(),
});

export const JobProgressingDetail = z.object({ ...common, status: z.literal("PROGRESSING") });

export const JobStatusUpdateDetail = z.object({
  ...common,
  status: z.literal("STATUS_UPDATE"),
  jobProgress: z.object({
    jobPercentComplete: z.number().min(0).max(100),
    currentPhase: z.string().optional(),
  }),
});

export const JobCompleteDetail = z.object({
  ...common,
  status: z.literal("COMPLETE"),
  outputGroupDetails: z.array(OutputGroupDetail).min(1),
});

export const JobErrorDetail = z.object({
  ...common,
  status: z.literal("ERROR"),
  errorCode: z.number().int(),
  errorMessage: z.string(),
});

/** States this platform does not act on (SUBMITTED, INPUT_INFORMATION, NEW_WARNING, ...). */
export const JobOtherDetail = z.object({
  ...common,
  status: z.enum(["SUBMITTED", "INPUT_INFORMATION", "NEW_WARNING", "CANCELED", "QUEUE_HOP"]),
});

export const MediaConvertJobDetail = z.discriminatedUnion("status", [
  JobProgressingDetail,
  JobStatusUpdateDetail,
  JobCompleteDetail,
  JobErrorDetail,
  JobOtherDetail,
]);
export type MediaConvertJobDetail = z.infer<typeof MediaConvertJobDetail>;

export const MediaConvertJobStateChangeEvent = z.object({
  id: z.string(),
  "detail-type": z.literal(MEDIACONVERT_JOB_STATE_CHANGE.detailType),
  source: z.literal(MEDIACONVERT_JOB_STATE_CHANGE.source),
  time: z.string(),
  region: z.string(),
  detail: MediaConvertJobDetail,
});
export type MediaConvertJobStateChangeEvent = z.infer<typeof MediaConvertJobStateChangeEvent>;
