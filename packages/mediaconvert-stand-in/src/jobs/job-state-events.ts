import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { MEDIACONVERT_JOB_STATE_CHANGE } from "@video-platform/shared-types";

/** Who the job is and where it ran: the part of every event that does not change. */
export interface JobIdentity {
  readonly jobId: string;
  readonly jobArn: string;
  readonly queueArn: string;
  readonly accountId: string;
  readonly userMetadata: Readonly<Record<string, string>>;
}

export interface RenditionOutput {
  readonly playlistUrl: string;
  readonly width: number;
  readonly height: number;
  readonly durationMs: number;
}

export type JobStateChange =
  | { readonly status: "PROGRESSING" }
  | { readonly status: "STATUS_UPDATE"; readonly jobPercentComplete: number; readonly currentPhase: string }
  | { readonly status: "COMPLETE"; readonly masterPlaylistUrl: string; readonly renditions: readonly RenditionOutput[] }
  | { readonly status: "ERROR"; readonly errorCode: number; readonly errorMessage: string }
  | { readonly status: "CANCELED" };

/** The `detail` of a "MediaConvert Job State Change" event, in the member names MediaConvert uses. */
export function jobStateDetail(job: JobIdentity, change: JobStateChange, at: Date): Record<string, unknown> {
  const common = {
    timestamp: at.getTime(),
    accountId: job.accountId,
    queue: job.queueArn,
    jobId: job.jobId,
    status: change.status,
    userMetadata: { ...job.userMetadata },
  };
  switch (change.status) {
    case "PROGRESSING":
    case "CANCELED":
      return common;
    case "STATUS_UPDATE":
      return {
        ...common,
        jobProgress: {
          jobPercentComplete: change.jobPercentComplete,
          currentPhase: change.currentPhase,
          retryCount: 0,
        },
      };
    case "COMPLETE":
      return {
        ...common,
        outputGroupDetails: [
          {
            outputDetails: change.renditions.map((rendition) => ({
              outputFilePaths: [rendition.playlistUrl],
              durationInMs: rendition.durationMs,
              videoDetails: { widthInPx: rendition.width, heightInPx: rendition.height },
            })),
            playlistFilePaths: [change.masterPlaylistUrl],
            type: "HLS_GROUP",
          },
        ],
      };
    case "ERROR":
      return { ...common, errorCode: change.errorCode, errorMessage: change.errorMessage };
  }
}

/** The PutEvents entry that carries a state change onto the default bus, as MediaConvert sends it. */
export function jobStateChangeEntry(job: JobIdentity, change: JobStateChange, at: Date): PutEventsRequestEntry {
  return {
    Time: at,
    Source: MEDIACONVERT_JOB_STATE_CHANGE.source,
    DetailType: MEDIACONVERT_JOB_STATE_CHANGE.detailType,
    Resources: [job.jobArn],
    Detail: JSON.stringify(jobStateDetail(job, change, at)),
  };
}

/** Where a job's state changes go, besides the job itself (which GetJob reads). */
export type JobEventSink = (job: JobIdentity, change: JobStateChange) => Promise<void>;

/** Puts each state change on the default bus, as MediaConvert does; a refused entry is an error. */
export function eventBridgeJobEvents(eventBridge: EventBridgeClient): JobEventSink {
  return async (job, change) => {
    const result = await eventBridge.send(new PutEventsCommand({ Entries: [jobStateChangeEntry(job, change, new Date())] }));
    if (result.FailedEntryCount) throw new Error(`PutEvents failed: ${JSON.stringify(result.Entries)}`);
  };
}
