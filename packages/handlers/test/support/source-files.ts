import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { makeTestClip, makeTestSong } from "@video-platform/mediaconvert-stand-in/test-clip";

/** Real files for the trigger to probe: made once per test process by ffmpeg, a second long. */
const SOURCES = {
  /** 640×360 H.264 with AAC. */
  landscape: (path: string) => makeTestClip(path, { seconds: 1, width: 640, height: 360 }),
  /** 360×640 H.264, no audio track. */
  portraitSilent: (path: string) => makeTestClip(path, { seconds: 1, width: 360, height: 640, audio: false }),
  /** An MP3: no video track. */
  song: (path: string) => makeTestSong(path, 1),
  /** Not media at all. */
  text: (path: string) => writeFile(path, "eggs\nmilk\nbread\n"),
} as const;
export type SourceKind = keyof typeof SOURCES;

let folder: Promise<string> | undefined;
const made = new Map<SourceKind, Promise<Buffer>>();

function contentOf(kind: SourceKind): Promise<Buffer> {
  let content = made.get(kind);
  if (content === undefined) {
    folder ??= mkdtemp(join(tmpdir(), "handler-sources-"));
    content = folder.then(async (dir) => {
      const path = join(dir, `${kind}.${kind === "song" ? "mp3" : "mp4"}`);
      await SOURCES[kind](path);
      return readFile(path);
    });
    made.set(kind, content);
  }
  return content;
}

/** Stores a source of the given kind as the raw bucket's object `key`; returns its size. */
export async function putSource(s3: S3Client, bucket: string, key: string, kind: SourceKind): Promise<number> {
  const body = await contentOf(kind);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: "video/mp4" }));
  return body.length;
}
