import * as z from "zod";

/** Where one upload stands. Order matters: a status only ever moves forward. */
export const UPLOAD_STATUSES = ["PENDING_UPLOAD", "UPLOADED", "TRANSCODING", "COMPLETE", "ERROR"] as const;
export const UploadStatus = z.enum(UPLOAD_STATUSES);
export type UploadStatus = z.infer<typeof UploadStatus>;

/**
 * Rank of each status. COMPLETE and ERROR share the last rank: both are terminal, and neither
 * may replace the other. Persisted next to the status so that DynamoDB can enforce the same
 * rule in a condition expression.
 */
export const STATUS_RANK: Readonly<Record<UploadStatus, number>> = {
  PENDING_UPLOAD: 0,
  UPLOADED: 1,
  TRANSCODING: 2,
  COMPLETE: 3,
  ERROR: 3,
};

export const TERMINAL_RANK = 3;

export function isTerminal(status: UploadStatus): boolean {
  return STATUS_RANK[status] === TERMINAL_RANK;
}

/** A status with its transcoding progress in percent (0 when it has none). */
export interface StatusPoint {
  readonly status: UploadStatus;
  readonly progress: number;
}

/**
 * The one rule every writer obeys: forward only, progress only up, terminal states final.
 * Moving to a later status is allowed (skipping is fine: events arrive out of order);
 * staying in the same non-terminal status is allowed only when progress rises.
 */
export function isStatusChangeAllowed(current: StatusPoint, next: StatusPoint): boolean {
  const from = STATUS_RANK[current.status];
  const to = STATUS_RANK[next.status];
  if (from === TERMINAL_RANK) return false;
  if (to > from) return true;
  return to === from && next.progress > current.progress;
}
