import { CreateBucketCommand, ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { motoServerCommand, resetMotoServer, startMotoServer } from "../src/index.js";

describe("startMotoServer", () => {
  it("serves S3 on loopback, resets, and stops leaving the port closed", async () => {
    const moto = await startMotoServer();
    try {
      expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const s3 = new S3Client({
        endpoint: moto.endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      });
      await s3.send(new CreateBucketCommand({ Bucket: "probe" }));
      const listed = await s3.send(new ListBucketsCommand({}));
      expect(listed.Buckets?.map((bucket) => bucket.Name)).toEqual(["probe"]);
      await resetMotoServer(moto.endpoint);
      const afterReset = await s3.send(new ListBucketsCommand({}));
      expect(afterReset.Buckets ?? []).toEqual([]);
    } finally {
      await moto.stop();
    }
    await expect(fetch(`${moto.endpoint}/moto-api/data.json`)).rejects.toThrow();
  }, 30_000);

  it("fails with a clear error when the command is missing", async () => {
    await expect(startMotoServer({ command: "no-such-moto-server" })).rejects.toThrow(/could not start moto_server/);
  });
});

describe("motoServerCommand", () => {
  it("takes MOTO_SERVER first, then falls back to a moto_server the machine provides", () => {
    expect(motoServerCommand({ MOTO_SERVER: "/opt/moto/bin/moto_server" })).toBe("/opt/moto/bin/moto_server");
    expect(motoServerCommand({})).toMatch(/(^moto_server$)|(\/\.tools\/moto\/bin\/moto_server$)/);
  });
});
