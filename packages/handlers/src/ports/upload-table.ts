import type { ListPosition, ListScope } from "../core/page-token.js";
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
  /**
   * Applies a status change if the shared status rule allows it against what is stored right
   * now; never creates a record (refused when there is none). Leaving `PENDING_UPLOAD` removes
   * the record's expiry.
   */
  applyStatusChange(objectKey: string, change: StatusChange, now?: Date): Promise<WriteOutcome>;
  /** New URLs were handed out: the pending upload stays open until they expire. Refused once it moved on. */
  extendPending(objectKey: string, urlsExpireAt: Date): Promise<WriteOutcome>;
  /** Forgets an upload that never left `PENDING_UPLOAD`; refused once it has moved on. */
  deletePending(objectKey: string): Promise<WriteOutcome>;
  /** Forgets an upload whatever its status (a deleted video); refused when there is none. */
  delete(objectKey: string): Promise<WriteOutcome>;
  /** One page of the scope's uploads, newest first, stale pending uploads left out. */
  listNewestFirst(scope: ListScope, limit: number, now: Date, after?: ListPosition): Promise<UploadPage>;
  /**
   * When each of the owner's open uploads (pending, not stale, started within
   * `OPEN_UPLOAD_LOOKBACK_SECONDS`) stops being usable, newest first; at most `max` of them.
   */
  openUploadsOf(ownerId: string, now: Date, max: number): Promise<Date[]>;
}
