import type { VideoSummary } from "@video-platform/shared-types";
import type { ListPosition } from "../core/page-token.js";
import type { StatusChange } from "../core/status-change.js";
import type { UploadRecord } from "../core/upload-record.js";

/** How a conditional write ended; a failed condition is an expected outcome, not an error. */
export type WriteOutcome = "applied" | "refused";

export interface UploadPage {
  readonly records: UploadRecord[];
  /** Where the next page starts; absent on the last page. */
  readonly next?: ListPosition;
}

/**
 * The upload status table as the use cases need it. Every write is conditional: a replayed,
 * late or out-of-order write comes back "refused" and changes nothing.
 */
export interface UploadTable {
  /** Records a new upload; refused if the key already exists. */
  createPending(record: UploadRecord): Promise<WriteOutcome>;
  get(objectKey: string): Promise<UploadRecord | undefined>;
  /** Applies a status change if the shared status rule allows it against what is stored right now. */
  applyStatusChange(objectKey: string, change: StatusChange, now?: Date): Promise<WriteOutcome>;
  /** Stores what the upload's job will make; refused for an unknown or finished upload. */
  recordVideo(objectKey: string, summary: VideoSummary, now?: Date): Promise<WriteOutcome>;
  /** Forgets an upload that never left `PENDING_UPLOAD`; refused once it has moved on. */
  deletePending(objectKey: string): Promise<WriteOutcome>;
  /** One page of uploads, newest first. */
  listNewestFirst(limit: number, after?: ListPosition): Promise<UploadPage>;
}
