import { S3_OBJECT_CREATED } from "@video-platform/shared-types";

/**
 * Where moto 5.2.1's S3 → EventBridge events differ from what S3 sends, and the one place we
 * undo it (see README, "Local platform"):
 * - the object's ETag is `detail.object.eTag`; S3 names it `etag`;
 * - every S3 event carries the same `id` (a constant in moto), where EventBridge gives each event
 *   its own. We use the id of the SQS message that carried it, which a retry keeps.
 * Anything else passes through untouched.
 */
export function undoMotoS3EventDeviations(event: unknown, messageId: string): unknown {
  if (!isRecord(event) || event["source"] !== S3_OBJECT_CREATED.source || !isRecord(event["detail"])) return event;
  const detail = event["detail"];
  const object = isRecord(detail["object"]) ? detail["object"] : undefined;
  let fixedObject = object;
  if (object && object["etag"] === undefined && typeof object["eTag"] === "string") {
    const { eTag, ...rest } = object;
    fixedObject = { ...rest, etag: eTag };
  }
  return { ...event, id: messageId, detail: { ...detail, ...(fixedObject ? { object: fixedObject } : {}) } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
