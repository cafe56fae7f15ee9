import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebAppConfig } from "@video-platform/shared-types";
import { afterAll, describe, expect, it } from "vitest";
import { PrivateBucket } from "../../src/constructs/private-bucket.js";
import { CACHE_CONTROL, cacheControlOf, contentTypeOf, WebHosting } from "../../src/constructs/web-hosting.js";
import { synthConstruct } from "../support/synth-construct.js";
import { ref, resourcesOf, type Block, type TerraformJson } from "../support/terraform-json.js";

const dist = mkdtempSync(join(tmpdir(), "web-dist-"));
mkdirSync(join(dist, "assets"));
const files: Record<string, string> = {
  "index.html": "<!doctype html><title>app</title>",
  "assets/index-B85rpupL.js": "console.log(1)",
  "assets/index-CDRqJtqt.css": "body{}",
  "favicon.svg": "<svg/>",
  // The developer's local config: the environment's own must replace it.
  "config.json": '{"environment":"local"}',
};
for (const [name, content] of Object.entries(files)) writeFileSync(join(dist, name), content);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function synthHosting(distDir?: string) {
  return synthConstruct((scope) => {
    const bucket = new PrivateBucket(scope, "web", { bucketPrefix: "vp-web-" });
    return new WebHosting(scope, "Web", {
      bucket,
      distDir,
      config: {
        auth: { region: "eu-west-1", userPoolId: bucket.name, userPoolClientId: bucket.arn, endpoint: null },
        liveHlsPath: null,
        livePrivate: false,
        environment: "test",
      },
    });
  });
}

const objectsByKey = (stack: TerraformJson): Record<string, Block> => Object.fromEntries(resourcesOf(stack, "aws_s3_object").map((object) => [object.config.key, object.config]));

describe("WebHosting", () => {
  it("publishes every built file with its content type, caching and content hash", () => {
    const { stack, built } = synthHosting(dist);
    const objects = objectsByKey(stack);
    expect(Object.keys(objects).sort()).toEqual(["assets/index-B85rpupL.js", "assets/index-CDRqJtqt.css", "config.json", "favicon.svg", "index.html"]);
    expect(built.keys).toContain("index.html");
    expect(objects["index.html"]).toMatchObject({
      content_type: "text/html; charset=utf-8",
      cache_control: CACHE_CONTROL.revalidate,
      etag: createHash("md5").update(files["index.html"]!).digest("hex"),
      source: expect.stringMatching(/^assets\/.+\/index\.html$/),
    });
    expect(objects["assets/index-B85rpupL.js"]).toMatchObject({ content_type: "text/javascript; charset=utf-8", cache_control: CACHE_CONTROL.immutable });
    expect(objects["assets/index-CDRqJtqt.css"]).toMatchObject({ content_type: "text/css; charset=utf-8", cache_control: CACHE_CONTROL.immutable });
    expect(objects["favicon.svg"]).toMatchObject({ content_type: "image/svg+xml", cache_control: CACHE_CONTROL.other });
    const bucket = resourcesOf(stack, "aws_s3_bucket")[0]!;
    for (const object of Object.values(objects)) expect(object.bucket).toBe(ref(bucket, "bucket"));
  });

  it("writes this environment's config.json, never cached, valid once Terraform fills in the references", () => {
    const { stack } = synthHosting(dist);
    const config = objectsByKey(stack)["config.json"]!;
    expect(config).toMatchObject({ content_type: "application/json", cache_control: CACHE_CONTROL.revalidate });
    expect(config.source).toBeUndefined();
    // The ids are references here (a bucket's, standing in for the user pool's); Terraform fills them in.
    const content = String(config.content).replace(/\$\{aws_s3_bucket\.[^.]+\.(bucket|arn)\}/g, (_reference, attribute: string) =>
      attribute === "bucket" ? "eu-west-1_AbCdEf123" : "4h8kq0example0client0id",
    );
    expect(WebAppConfig.parse(JSON.parse(content))).toEqual({
      auth: { region: "eu-west-1", userPoolId: "eu-west-1_AbCdEf123", userPoolClientId: "4h8kq0example0client0id", endpoint: null },
      liveHlsPath: null,
      livePrivate: false,
      environment: "test",
    });
  });

  it("publishes only config.json when the web app was not built", () => {
    const { stack } = synthHosting(undefined);
    expect(Object.keys(objectsByKey(stack))).toEqual(["config.json"]);
  });

  it("caches by file kind", () => {
    expect(cacheControlOf("index.html")).toBe("no-cache");
    expect(cacheControlOf("config.json")).toBe("no-cache");
    expect(cacheControlOf("assets/hls-39WTWagW.js")).toBe(CACHE_CONTROL.immutable);
    expect(cacheControlOf("assets/logo.png")).toBe(CACHE_CONTROL.other);
    expect(contentTypeOf("font.woff2")).toBe("font/woff2");
    expect(contentTypeOf("unknown.bin")).toBe("application/octet-stream");
  });
});
