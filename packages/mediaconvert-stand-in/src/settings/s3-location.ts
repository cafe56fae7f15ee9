import type { S3Location } from "../s3/s3-objects.js";

/** A job whose settings the stand-in cannot run; MediaConvert would refuse it at CreateJob too. */
export class UnsupportedJobSettingsError extends Error {
  override readonly name = "UnsupportedJobSettingsError";
}

export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(url);
  if (!match?.[1]) throw new UnsupportedJobSettingsError(`not an s3:// URL: ${url}`);
  return { bucket: match[1], key: match[2] ?? "" };
}

export function baseNameOf(key: string): string {
  const file = key.slice(key.lastIndexOf("/") + 1);
  const dot = file.lastIndexOf(".");
  return dot > 0 ? file.slice(0, dot) : file;
}

/**
 * An output group's destination as MediaConvert reads it: a URL ending in "/" is a folder, and
 * the outputs are named after the input; otherwise its last segment replaces the input's name.
 */
export function destinationOf(destinationUrl: string, inputKey: string): { folder: S3Location; baseName: string } {
  const destination = parseS3Url(destinationUrl);
  if (destination.key === "" || destination.key.endsWith("/")) return { folder: destination, baseName: baseNameOf(inputKey) };
  const cut = destination.key.lastIndexOf("/") + 1;
  return { folder: { bucket: destination.bucket, key: destination.key.slice(0, cut) }, baseName: destination.key.slice(cut) };
}
