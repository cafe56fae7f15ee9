import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { MIB, objectKeyOf } from "@video-platform/shared-types";
import { beforeAll, expect, it } from "vitest";
import { S3RawUploadBucket } from "../../src/adapters/s3-raw-upload-bucket.js";
import { MultipartUploadGoneError, PartListRefusedError } from "../../src/core/storage-errors.js";
import type { RawUploadBucket } from "../../src/ports/raw-upload-bucket.js";
import { startHandlerEnvironment, TEST_RAW_BUCKET } from "../support/aws-environment.js";
import { InMemoryRawUploadBucket, type StoredObject } from "../support/in-memory/in-memory-raw-bucket.js";
import { describeContract } from "../support/port-contract.js";
import { freshUploadId } from "../support/upload-records.js";

interface BucketUnderTest {
  readonly bucket: RawUploadBucket;
  /** Does what a browser does with a presigned URL; returns the ETag storage answered with. */
  send(url: string, headers: Record<string, string>, body: Uint8Array): Promise<string>;
  object(key: string): Promise<StoredObject | undefined>;
  stop(): Promise<void>;
}

/**
 * The port's contract, held against the S3 adapter and the in-memory bucket the use-case tests
 * use. Left out because moto 5.2.1 differs from S3 there: presigned signatures (moto checks
 * none), a part named twice (moto joins it twice; S3 answers InvalidPartOrder), and completing
 * an aborted upload (moto fails with a 500; S3 answers NoSuchUpload).
 */
const implementations: Record<string, () => Promise<BucketUnderTest>> = {
  "the S3 adapter (on moto)": async () => {
    const environment = await startHandlerEnvironment();
    return {
      bucket: new S3RawUploadBucket(environment.s3, TEST_RAW_BUCKET, 60),
      async send(url, headers, body) {
        const response = await fetch(url, { method: "PUT", headers, body });
        if (!response.ok) throw new Error(`PUT refused: HTTP ${response.status}`);
        return response.headers.get("etag") ?? "";
      },
      async object(key) {
        const head = await environment.s3.send(new HeadObjectCommand({ Bucket: TEST_RAW_BUCKET, Key: key })).catch(() => undefined);
        return head && { contentType: head.ContentType ?? "", sizeBytes: head.ContentLength ?? 0 };
      },
      stop: () => environment.stop(),
    };
  },
  "the in-memory bucket": async () => {
    const bucket = new InMemoryRawUploadBucket();
    return {
      bucket,
      send: async (url, _headers, body) => bucket.receive(url, body),
      object: async (key) => bucket.objects.get(key),
      stop: async () => undefined,
    };
  },
};

const binary = { "content-type": "application/octet-stream" };

describeContract("RawUploadBucket", implementations, (subject) => {
  let bucket: RawUploadBucket;

  beforeAll(() => {
    bucket = subject.bucket;
  });

  /** A multipart upload with the given part sizes sent; returns its id, key and the parts' ETags. */
  async function multipartWith(sizes: readonly number[]) {
    const key = objectKeyOf(freshUploadId("mkv"));
    const id = await bucket.startMultipart(key, "video/x-matroska");
    const urls = await bucket.presignParts(key, id, sizes.map((sizeBytes, index) => ({ partNumber: index + 1, sizeBytes })));
    const parts = [];
    for (const [index, { partNumber, url }] of urls.entries()) {
      parts.push({ partNumber, etag: await subject.send(url, binary, new Uint8Array(sizes[index]!).fill(partNumber)) });
    }
    return { key, id, parts };
  }

  it("takes a presigned PUT of the declared length and type", async () => {
    const key = objectKeyOf(freshUploadId());
    const { url, headers } = await bucket.presignPut(key, "video/mp4", 10);
    expect(headers).toEqual({ "content-type": "video/mp4", "content-length": "10" });
    await subject.send(url, { "content-type": "video/mp4" }, new Uint8Array(10));
    expect(await subject.object(key)).toEqual({ contentType: "video/mp4", sizeBytes: 10 });
  });

  it("lists the stored parts by number and joins them, in whatever order they are named, once", async () => {
    const { key, id, parts } = await multipartWith([5 * MIB, 1024]);
    const listed = await bucket.listParts(key, id);
    expect(listed.map(({ partNumber, sizeBytes }) => ({ partNumber, sizeBytes }))).toEqual([
      { partNumber: 1, sizeBytes: 5 * MIB },
      { partNumber: 2, sizeBytes: 1024 },
    ]);
    expect(listed.map((part) => part.etag.replaceAll('"', ""))).toEqual(parts.map((part) => part.etag.replaceAll('"', "")));
    await bucket.completeMultipart(key, id, [...parts].reverse());
    expect(await subject.object(key)).toEqual({ contentType: "video/x-matroska", sizeBytes: 5 * MIB + 1024 });
    await expect(bucket.listParts(key, id)).rejects.toBeInstanceOf(MultipartUploadGoneError);
    // S3 answers a repeated complete of the same upload with the object it made.
    await expect(bucket.completeMultipart(key, id, parts)).resolves.toBeUndefined();
    expect(await subject.object(key)).toEqual({ contentType: "video/x-matroska", sizeBytes: 5 * MIB + 1024 });
  });

  it("refuses a part list naming a part it does not hold, or a wrong ETag, and stays open", async () => {
    const { key, id, parts } = await multipartWith([1024]);
    const refusal = (list: { partNumber: number; etag: string }[]) => bucket.completeMultipart(key, id, list).catch((error: unknown) => error);
    expect(await refusal([{ partNumber: 1, etag: '"0123456789abcdef0123456789abcdef"' }])).toMatchObject({ problem: "unknownPart" });
    expect(await refusal([...parts, { partNumber: 2, etag: parts[0]!.etag }])).toBeInstanceOf(PartListRefusedError);
    expect(await bucket.listParts(key, id)).toHaveLength(1);
  });

  it("refuses to join a part below 5 MiB that is not the last", async () => {
    const { key, id, parts } = await multipartWith([1024, 1024]);
    await expect(bucket.completeMultipart(key, id, parts)).rejects.toMatchObject({ problem: "partTooSmall" });
  });

  it("aborts a multipart upload for good, and takes a second abort as done", async () => {
    const { key, id } = await multipartWith([1024]);
    await bucket.abortMultipart(key, id);
    await expect(bucket.listParts(key, id)).rejects.toBeInstanceOf(MultipartUploadGoneError);
    await expect(bucket.abortMultipart(key, id)).resolves.toBeUndefined();
    expect(await subject.object(key)).toBeUndefined();
  });

  it("deletes an uploaded object, and takes deleting a missing one as done", async () => {
    const key = objectKeyOf(freshUploadId());
    const { url } = await bucket.presignPut(key, "video/mp4", 4);
    await subject.send(url, { "content-type": "video/mp4" }, new Uint8Array(4));
    await bucket.deleteObject(key);
    expect(await subject.object(key)).toBeUndefined();
    await expect(bucket.deleteObject(key)).resolves.toBeUndefined();
  });
});
