import { partCountFor, partSizeOf } from "@video-platform/shared-types";
import type { StoredPart } from "./upload-machine.js";

/**
 * The parts of a listing that count as stored: whole parts of the server's cut. A part of another
 * size (left by another cut of the file) or beyond the last part is sent again.
 */
export function wholeStoredParts(listed: readonly StoredPart[], sizeBytes: number, partSizeBytes: number): StoredPart[] {
  const partCount = partCountFor(sizeBytes, partSizeBytes);
  return listed.filter(
    (part) => part.partNumber <= partCount && part.sizeBytes === partSizeOf(part.partNumber, sizeBytes, partSizeBytes),
  );
}
