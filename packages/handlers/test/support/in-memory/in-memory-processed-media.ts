import type { ProcessedMedia } from "../../../src/ports/processed-media.js";

/** `ProcessedMedia` in memory: the keys of the processed bucket, for use-case tests without moto. */
export class InMemoryProcessedMedia implements ProcessedMedia {
  readonly keys = new Set<string>();

  async deleteUnder(prefix: string): Promise<number> {
    const under = [...this.keys].filter((key) => key.startsWith(prefix));
    for (const key of under) this.keys.delete(key);
    return under.length;
  }
}
