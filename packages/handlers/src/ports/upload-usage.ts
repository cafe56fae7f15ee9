/** How reserving bytes against the daily limit ended. */
export type ByteReservation =
  | { readonly reserved: true }
  /** Refused: what the owner had already started that day, this upload not included. */
  | { readonly reserved: false; readonly bytesStartedToday: number };

/**
 * Each owner's bytes started per UTC day, as atomic counters: two uploads started at the same
 * moment cannot both pass the limit.
 */
export interface UploadUsage {
  /** Adds `bytes` to the owner's count for `day` unless the count would pass `limit`. */
  reserveDailyBytes(ownerId: string, day: string, bytes: number, limit: number): Promise<ByteReservation>;
  /** Gives back bytes reserved for an upload that then could not be created. */
  releaseDailyBytes(ownerId: string, day: string, bytes: number): Promise<void>;
}
