import { createWriteStream } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Metadata } from "@aws-sdk/client-mediaconvert";

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

export function s3Url(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

/** The object is not there (S3's `NoSuchKey`, or its bucket is missing). */
export class ObjectNotFoundError extends Error {
  override readonly name = "ObjectNotFoundError";
}

/** Copies an object to a local file; returns what S3 says of it, in Probe's `Metadata` shape. */
export async function downloadObject(s3: S3Client, location: S3Location, path: string): Promise<Metadata> {
  let object;
  try {
    object = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
  } catch (error) {
    const name = (error as Error).name;
    if (name === "NoSuchKey" || name === "NoSuchBucket" || name === "NotFound") throw new ObjectNotFoundError(`${s3Url(location)} does not exist`);
    throw error;
  }
  if (!(object.Body instanceof Readable)) throw new Error(`${s3Url(location)}: empty body`);
  await pipeline(object.Body, createWriteStream(path));
  return {
    ETag: object.ETag,
    FileSize: object.ContentLength,
    LastModified: object.LastModified,
    MimeType: object.ContentType,
  };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".m3u8": "application/vnd.apple.mpegurl",
  ".ts": "video/MP2T",
  ".jpg": "image/jpeg",
};

/**
 * Puts every file of a local folder under a key prefix (the folder holds files only). Stops,
 * rejecting with the signal's reason, before the next file once `signal` aborts.
 */
export async function uploadFolder(s3: S3Client, folder: string, destination: S3Location, signal?: AbortSignal): Promise<void> {
  for (const file of (await readdir(folder)).sort()) {
    signal?.throwIfAborted();
    await s3.send(
      new PutObjectCommand({
        Bucket: destination.bucket,
        Key: `${destination.key}${file}`,
        Body: await readFile(join(folder, file)),
        ContentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      }),
    );
  }
}
