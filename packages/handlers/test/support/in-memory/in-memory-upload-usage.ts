import { dailyUsageKey } from "../../../src/core/daily-usage.js";
import type { ByteReservation, UploadUsage } from "../../../src/ports/upload-usage.js";

/** `UploadUsage` in memory; the contract test holds it to the DynamoDB counters' behaviour. */
export class InMemoryUploadUsage implements UploadUsage {
  readonly counters = new Map<string, number>();

  async reserveDailyBytes(ownerId: string, day: string, bytes: number, limit: number): Promise<ByteReservation> {
    const key = dailyUsageKey(ownerId, day);
    const started = this.counters.get(key) ?? 0;
    if (started + bytes > limit) return { reserved: false, bytesStartedToday: started };
    this.counters.set(key, started + bytes);
    return { reserved: true };
  }

  async releaseDailyBytes(ownerId: string, day: string, bytes: number): Promise<void> {
    const key = dailyUsageKey(ownerId, day);
    const started = this.counters.get(key);
    if (started !== undefined) this.counters.set(key, started - bytes);
  }
}
