/** The processed bucket as deletion needs it: every object under one video's prefix. */
export interface ProcessedMedia {
  /** Deletes every object under `prefix` (all pages); returns how many there were. */
  deleteUnder(prefix: string): Promise<number>;
}
