import type { Logger } from "@aws-lambda-powertools/logger";
import { UploadLifecycleEvent, objectKeyOf } from "@video-platform/shared-types";
import { parseEvent } from "../core/malformed-event.js";
import { decideLifecycleChange } from "../core/status-change.js";
import type { UploadTable, WriteOutcome } from "../ports/upload-table.js";

export type LifecycleOutcome = WriteOutcome | "ignored";

/**
 * Records what S3 and MediaConvert report about an upload. A replayed, late or out-of-order
 * event fails the table's condition and is dropped here: retrying it could never succeed.
 */
export class UploadLifecycle {
  constructor(
    private readonly table: UploadTable,
    private readonly logger: Logger,
  ) {}

  async record(event: unknown): Promise<LifecycleOutcome> {
    const lifecycleEvent = parseEvent(UploadLifecycleEvent, event, "S3 Object Created or MediaConvert Job State Change");
    const eventFacts = { eventId: lifecycleEvent.id, detailType: lifecycleEvent["detail-type"] };
    const decision = decideLifecycleChange(lifecycleEvent);
    if (decision.kind === "ignore") {
      this.logger.info("event ignored", { ...eventFacts, reason: decision.reason });
      return "ignored";
    }
    const { uploadId, change } = decision;
    const outcome = await this.table.applyStatusChange(objectKeyOf(uploadId), change);
    if (outcome === "applied") {
      this.logger.info("status recorded", { ...eventFacts, uploadId, status: change.status, progress: change.progress });
    } else {
      this.logger.info("event left no mark: upload unknown, or already as far or further", {
        ...eventFacts,
        uploadId,
        status: change.status,
        progress: change.progress,
      });
    }
    return outcome;
  }
}
