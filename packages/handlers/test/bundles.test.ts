import { existsSync } from "node:fs";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { fileURLToPath } from "node:url";
import {
  FUNCTION_ARTIFACTS,
  STATUS_API_ROUTES,
  SinglePutUpload,
  UPLOAD_API_ROUTES,
  UploadStatusResponse,
  objectKeyOf,
} from "@video-platform/shared-types";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiEvent, reply } from "./support/api-events.js";
import { startTranscodingEnvironment, TEST_RAW_BUCKET, type TranscodingTestEnvironment } from "./support/aws-environment.js";
import { testJobEnvironment } from "./support/job-config.js";
import { jobStateChangeEvent, objectCreatedEvent } from "./support/lifecycle-events.js";
import { putSource } from "./support/source-files.js";

type ApiFunction = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
type EventFunction = (event: unknown) => Promise<unknown>;

const bundlePath = (artifact: string) => fileURLToPath(new URL(`../dist/${artifact}/index.mjs`, import.meta.url));

let environment: TranscodingTestEnvironment;
const bundles: Record<string, { handler: unknown }> = {};

beforeAll(async () => {
  for (const artifact of Object.values(FUNCTION_ARTIFACTS)) {
    if (!existsSync(bundlePath(artifact))) throw new Error(`${bundlePath(artifact)} is missing: run the build first`);
  }
  environment = await startTranscodingEnvironment(testJobEnvironment("bundle-test"));
  for (const artifact of Object.values(FUNCTION_ARTIFACTS)) {
    bundles[artifact] = (await import(/* @vite-ignore */ bundlePath(artifact))) as { handler: unknown };
  }
});

afterAll(async () => {
  await environment?.stop();
});

describe("the built bundles", () => {
  it("each export a handler", () => {
    for (const artifact of Object.values(FUNCTION_ARTIFACTS)) expect(typeof bundles[artifact]?.handler).toBe("function");
  });

  it("carry one upload from presigned PUT to COMPLETE on their own", async () => {
    const createUpload = bundles["generate-presigned-url"]!.handler as ApiFunction;
    const updateStatus = bundles["update-upload-status"]!.handler as EventFunction;
    const triggerJob = bundles["trigger-media-convert"]!.handler as EventFunction;
    const queryStatus = bundles["query-upload-status"]!.handler as ApiFunction;

    const size = await putSource(environment.s3, TEST_RAW_BUCKET, "sources/clip.mp4", "landscape");
    const content = await (await environment.s3.send(new GetObjectCommand({ Bucket: TEST_RAW_BUCKET, Key: "sources/clip.mp4" }))).Body!.transformToByteArray();
    expect(content.length).toBe(size);
    const created = reply(
      await createUpload(
        apiEvent(UPLOAD_API_ROUTES.createUpload, {
          body: { fileName: "clip.mp4", contentType: "video/mp4", sizeBytes: content.length },
        }),
      ),
    );
    expect(created.status).toBe(201);
    const upload = SinglePutUpload.parse(created.body);
    const put = await fetch(upload.url, { method: "PUT", headers: { "content-type": "video/mp4" }, body: content });
    expect(put.status).toBe(200);

    const key = objectKeyOf(upload.uploadId);
    const event = objectCreatedEvent(TEST_RAW_BUCKET, key, content.length, put.headers.get("etag") ?? "etag");
    expect(await updateStatus(event)).toBe("applied");
    expect(await triggerJob(event)).toMatchObject({ outcome: "submitted", statusWrite: "applied" });
    expect(environment.mediaconvert.jobs()).toHaveLength(1);

    const base = upload.uploadId.replace(/\.mp4$/, "");
    const complete = jobStateChangeEvent(key, {
      status: "COMPLETE",
      outputGroupDetails: [{ type: "HLS_GROUP", playlistFilePaths: [`s3://processed-bucket/vod/${base}/${base}.m3u8`] }],
    });
    expect(await updateStatus(complete)).toBe("applied");

    const status = reply(
      await queryStatus(apiEvent(STATUS_API_ROUTES.getStatus, { pathParameters: { uploadId: upload.uploadId } })),
    );
    expect(status.status).toBe(200);
    expect(UploadStatusResponse.parse(status.body)).toMatchObject({
      status: "COMPLETE",
      progress: 100,
      sizeBytes: content.length,
      playbackPath: `vod/${base}/${base}.m3u8`,
      posterPath: `vod/${base}/previews/frame.0000010.jpg`,
      durationSeconds: 1,
      width: 640,
      height: 360,
    });

    // No signing key is stored in this environment: playback says so rather than failing.
    const playback = reply(
      await queryStatus(apiEvent(STATUS_API_ROUTES.grantPlayback, { pathParameters: { uploadId: upload.uploadId } })),
    );
    expect(playback.status).toBe(503);
    expect(reply(await queryStatus(apiEvent(STATUS_API_ROUTES.getStatus, { pathParameters: { uploadId: upload.uploadId }, caller: null }))).status).toBe(401);

    const deleteVideo = bundles["delete-video"]!.handler as ApiFunction;
    const deleted = reply(await deleteVideo(apiEvent(STATUS_API_ROUTES.deleteVideo, { pathParameters: { uploadId: upload.uploadId } })));
    expect(deleted).toMatchObject({ status: 200, body: { uploadId: upload.uploadId, deleted: true } });
    const gone = reply(await queryStatus(apiEvent(STATUS_API_ROUTES.getStatus, { pathParameters: { uploadId: upload.uploadId } })));
    expect(gone.status).toBe(404);
  });
});
