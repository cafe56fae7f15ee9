import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { expect, it } from "vitest";
import { S3ProcessedMedia } from "../../src/adapters/s3-processed-media.js";
import type { ProcessedMedia } from "../../src/ports/processed-media.js";
import { startHandlerEnvironment } from "../support/aws-environment.js";
import { InMemoryProcessedMedia } from "../support/in-memory/in-memory-processed-media.js";
import { describeContract } from "../support/port-contract.js";

const PROCESSED_BUCKET = "processed-media";

interface MediaUnderTest {
  readonly media: ProcessedMedia;
  put(key: string): Promise<void>;
  keys(): Promise<string[]>;
  stop(): Promise<void>;
}

/** The port's contract, held against the S3 adapter (on moto, three keys a page) and the in-memory media. */
const implementations: Record<string, () => Promise<MediaUnderTest>> = {
  "the S3 adapter (on moto, small pages)": async () => {
    const environment = await startHandlerEnvironment();
    const { s3 } = environment;
    await s3.send(new CreateBucketCommand({ Bucket: PROCESSED_BUCKET }));
    return {
      media: new S3ProcessedMedia(s3, PROCESSED_BUCKET, 3),
      put: async (key) => void (await s3.send(new PutObjectCommand({ Bucket: PROCESSED_BUCKET, Key: key, Body: key }))),
      keys: async () =>
        ((await s3.send(new ListObjectsV2Command({ Bucket: PROCESSED_BUCKET }))).Contents ?? []).map((object) => object.Key ?? ""),
      stop: () => environment.stop(),
    };
  },
  "the in-memory media": async () => {
    const media = new InMemoryProcessedMedia();
    return { media, put: async (key) => void media.keys.add(key), keys: async () => [...media.keys], stop: async () => undefined };
  },
};

describeContract("ProcessedMedia", implementations, (subject) => {
  it("deletes every object under a prefix, over several pages, and nothing beside it", async () => {
    const video = ["a.m3u8", "a_720p.m3u8", "a_720p_00001.ts", "a_720p_00002.ts", "a_360p.m3u8", "a_360p_00001.ts", "poster.jpg", "thumbs/1.jpg"];
    const neighbours = ["vod/a-other/a.m3u8", "vod/b/b.m3u8", "vod/a"];
    for (const key of [...video.map((name) => `vod/a/${name}`), ...neighbours]) await subject.put(key);
    expect(await subject.media.deleteUnder("vod/a/")).toBe(video.length);
    expect((await subject.keys()).sort()).toEqual([...neighbours].sort());
    expect(await subject.media.deleteUnder("vod/a/")).toBe(0);
  });
});
