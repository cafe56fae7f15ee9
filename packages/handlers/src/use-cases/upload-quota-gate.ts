import { decideQuota, quotaDayOf, type UploadQuota } from "@video-platform/shared-types";
import { QuotaExceededError } from "../core/upload-errors.js";
import type { UploadTable } from "../ports/upload-table.js";
import type { UploadUsage } from "../ports/upload-usage.js";

/** An upload let through the quota; its bytes are counted until `release` gives them back. */
export interface QuotaAdmission {
  release(): Promise<void>;
}

/**
 * The per-user quota in front of `POST /api/uploads` (shared rule: `decideQuota`). Open uploads
 * are counted from the owner's index; the day's bytes are reserved atomically, so that two
 * uploads started together cannot both pass the limit. Admins have the same limits: they bound
 * what any one account, or a stolen token, can cost.
 */
export class UploadQuotaGate {
  constructor(
    private readonly table: UploadTable,
    private readonly usage: UploadUsage,
    private readonly quota: UploadQuota,
  ) {}

  async admit(ownerId: string, sizeBytes: number, now: Date): Promise<QuotaAdmission> {
    const openUploadsExpireAt = await this.table.openUploadsOf(ownerId, now, this.quota.maxOpenUploads);
    this.refuseUnlessAllowed({ openUploadsExpireAt, bytesStartedToday: 0 }, sizeBytes, now);

    const day = quotaDayOf(now);
    const reservation = await this.usage.reserveDailyBytes(ownerId, day, sizeBytes, this.quota.maxBytesPerDay);
    if (!reservation.reserved) {
      // The counter's refusal is the rule's (stored + size > limit); the floor only covers a count
      // that moved between the refusal and its reading.
      const bytesStartedToday = Math.max(reservation.bytesStartedToday, this.quota.maxBytesPerDay - sizeBytes + 1);
      this.refuseUnlessAllowed({ openUploadsExpireAt, bytesStartedToday }, sizeBytes, now);
    }
    return { release: () => this.usage.releaseDailyBytes(ownerId, day, sizeBytes) };
  }

  private refuseUnlessAllowed(usage: Parameters<typeof decideQuota>[1], sizeBytes: number, now: Date): void {
    const decision = decideQuota(this.quota, usage, sizeBytes, now);
    if (!decision.allowed) throw new QuotaExceededError(decision.limit, decision.message, decision.retryAfterSeconds);
  }
}
