import * as z from "zod";
import { MAX_FILE_NAME_BYTES } from "./limits.js";

// Control characters (C0, DEL, C1) and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/**
 * The name a user gave their file. It is only ever stored as a label (the object key is ours),
 * but it is still refused when it could be mistaken for a path or break a log line.
 */
export const VideoFileName = z
  .string({ error: "is required" })
  .transform((name) => name.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(1, "must not be empty")
      .refine((name) => !/[/\\]/.test(name), "must not contain path separators")
      .refine((name) => !name.includes(".."), "must not contain '..'")
      .refine((name) => !CONTROL_CHARACTERS.test(name), "must not contain control characters")
      .refine(
        (name) => new TextEncoder().encode(name).length <= MAX_FILE_NAME_BYTES,
        `must be at most ${MAX_FILE_NAME_BYTES} bytes in UTF-8`,
      ),
  );

/** Any `video/*` media type. */
export const VideoContentType = z
  .string({ error: "is required" })
  .trim()
  .toLowerCase()
  .regex(/^video\/[a-z0-9][a-z0-9.+-]*$/, "must be a video type (video/*)");

const EXTENSION_BY_CONTENT_TYPE: Readonly<Record<string, string>> = {
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/x-matroska": "mkv",
  "video/webm": "webm",
  "video/x-msvideo": "avi",
  "video/mpeg": "mpg",
  "video/mp2t": "ts",
  "video/x-m4v": "m4v",
  "video/x-flv": "flv",
};

/** The video type of a file name's extension, for files the browser gave no type (some systems do so for .mkv or .mov). */
export function videoContentTypeFor(fileName: string): string | undefined {
  const extension = plainExtensionOf(fileName);
  return Object.entries(EXTENSION_BY_CONTENT_TYPE).find(([, known]) => known === extension)?.[0];
}

/** The extension our object key gets: the file's own when it is plain, else one from its type. */
export function extensionFor(fileName: string, contentType: string): string {
  return plainExtensionOf(fileName) ?? EXTENSION_BY_CONTENT_TYPE[contentType] ?? "bin";
}

function plainExtensionOf(fileName: string): string | undefined {
  return /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
}
