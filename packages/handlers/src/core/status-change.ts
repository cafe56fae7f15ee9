import {
  uploadIdOf,
  type MediaConvertJobDetail,
  type UploadId,
  type UploadLifecycleEvent,
  type UploadStatus,
} from "@video-platform/shared-types";

/** A status an event asks for, with what it brings along. */
export interface StatusChange {
  readonly status: UploadStatus;
  /** Percent; undefined keeps what is stored (an ERROR keeps how far the job got). */
  readonly progress?: number;
  readonly sizeBytes?: number;
  readonly jobId?: string;
  readonly playbackPath?: string;
  readonly errorMessage?: string;
}

export type LifecycleDecision =
  | { readonly kind: "apply"; readonly uploadId: UploadId; readonly change: StatusChange }
  | { readonly kind: "ignore"; readonly reason: string };

type JobDetail<S extends MediaConvertJobDetail["status"]> = Extract<MediaConvertJobDetail, { status: S }>;

/** The path of the HLS master playlist under the processed bucket (`vod/<id>/<id>.m3u8`). */
export function playbackPathOf(detail: JobDetail<"COMPLETE">): string | undefined {
  const groups = [...detail.outputGroupDetails].sort(
    (a, b) => Number(b.type === "HLS_GROUP") - Number(a.type === "HLS_GROUP"),
  );
  for (const group of groups) {
    const playlist = group.playlistFilePaths?.find((path) => path.endsWith(".m3u8"));
    const path = playlist === undefined ? undefined : /^s3:\/\/[^/]+\/(.+)$/.exec(playlist)?.[1];
    if (path !== undefined) return path;
  }
  return undefined;
}

function jobChange(detail: MediaConvertJobDetail): StatusChange | undefined {
  const jobId = detail.jobId;
  switch (detail.status) {
    case "PROGRESSING":
      return { status: "TRANSCODING", progress: 0, jobId };
    case "STATUS_UPDATE":
      return { status: "TRANSCODING", progress: detail.jobProgress.jobPercentComplete, jobId };
    case "COMPLETE": {
      const playbackPath = playbackPathOf(detail);
      return playbackPath === undefined
        ? { status: "ERROR", jobId, errorMessage: "job completed without an HLS playlist" }
        : { status: "COMPLETE", progress: 100, jobId, playbackPath };
    }
    case "ERROR":
      return { status: "ERROR", jobId, errorMessage: `${detail.errorCode}: ${detail.errorMessage}` };
    case "CANCELED":
      return { status: "ERROR", jobId, errorMessage: "job canceled" };
    default:
      return undefined;
  }
}

/** What one lifecycle event means for its upload; events about anything else are ignored. */
export function decideLifecycleChange(event: UploadLifecycleEvent): LifecycleDecision {
  if (event["detail-type"] === "Object Created") {
    const uploadId = uploadIdOf(event.detail.object.key);
    if (uploadId === undefined) return { kind: "ignore", reason: "object key is not an upload key" };
    return { kind: "apply", uploadId, change: { status: "UPLOADED", progress: 0, sizeBytes: event.detail.object.size } };
  }
  const uploadId = uploadIdOf(event.detail.userMetadata["fileName"] ?? "");
  if (uploadId === undefined) return { kind: "ignore", reason: "job does not name an upload of this platform" };
  const change = jobChange(event.detail);
  if (change === undefined) return { kind: "ignore", reason: `job status ${event.detail.status} is not tracked` };
  return { kind: "apply", uploadId, change };
}
