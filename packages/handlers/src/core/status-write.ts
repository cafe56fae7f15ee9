import { STATUS_RANK, STATUS_TABLE, TERMINAL_RANK, UPLOAD_TABLE } from "@video-platform/shared-types";
import type { StatusChange } from "./status-change.js";

/** The parts of a DynamoDB UpdateItem that carry one status change. */
export interface ConditionalStatusWrite {
  readonly UpdateExpression: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, string | number>;
}

/**
 * `isStatusChangeAllowed` as a DynamoDB condition: the item must exist, and the change must move
 * to a later status, or stay in the same non-terminal status with more progress. Every event
 * source delivers at least once and out of order; this makes a replayed or late event fail the
 * condition instead of moving the status back.
 */
export const STATUS_RULE_CONDITION =
  "attribute_exists(#fileName) AND (#rank < :rank OR (#rank = :rank AND :rank < :terminal AND #progress < :progress))";

/** The table attribute each optional member of a change is stored in. */
export const CHANGE_ATTRIBUTES = {
  sizeBytes: "SizeBytes",
  jobId: "JobId",
  playbackPath: "PlaybackPath",
  errorMessage: "ErrorMessage",
} as const satisfies Partial<Record<keyof StatusChange, string>>;

export function conditionalStatusWrite(change: StatusChange, now: Date): ConditionalStatusWrite {
  const names: Record<string, string> = {
    "#fileName": UPLOAD_TABLE.partitionKey,
    "#status": "Status",
    "#rank": "StatusRank",
    "#progress": "Progress",
    "#updatedAt": "UpdatedAt",
  };
  const values: Record<string, string | number> = {
    ":status": change.status,
    ":rank": STATUS_RANK[change.status],
    ":terminal": TERMINAL_RANK,
    // Only compared when staying in a non-terminal status, where a change always has a progress.
    ":progress": change.progress ?? 0,
    ":updatedAt": now.toISOString(),
  };
  const assignments = ["#status = :status", "#rank = :rank", "#updatedAt = :updatedAt"];
  if (change.progress !== undefined) assignments.push("#progress = :progress");
  for (const [member, attribute] of Object.entries(CHANGE_ATTRIBUTES)) {
    const value = change[member as keyof typeof CHANGE_ATTRIBUTES];
    if (value === undefined) continue;
    names[`#${member}`] = attribute;
    values[`:${member}`] = value;
    assignments.push(`#${member} = :${member}`);
  }
  // Every status but PENDING_UPLOAD is a step past it, and only a pending record expires (pending-expiry.ts).
  names["#urlsExpireAt"] = "UrlsExpireAt";
  names["#expiresAt"] = STATUS_TABLE.timeToLiveAttribute;
  return {
    UpdateExpression: `SET ${assignments.join(", ")} REMOVE #urlsExpireAt, #expiresAt`,
    ConditionExpression: STATUS_RULE_CONDITION,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
