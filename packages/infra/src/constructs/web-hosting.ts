import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, posix, relative, sep } from "node:path";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { WEB_APP_CONFIG_PATH, type WebAppConfig } from "@video-platform/shared-types";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import type { PrivateBucket } from "./private-bucket.js";

export interface WebHostingProps {
  readonly bucket: PrivateBucket;
  /** The built app (`apps/web/dist`); without it only `config.json` is published. */
  readonly distDir?: string;
  /** The runtime configuration; its values may be Terraform references resolved at apply. */
  readonly config: WebAppConfig;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
};

export const CACHE_CONTROL = {
  /** Always revalidated: a new deploy is visible at the next page load. */
  revalidate: "no-cache",
  /** Content-hashed file names never change content. */
  immutable: "public, max-age=31536000, immutable",
  other: "public, max-age=3600",
} as const;

/** Vite writes content-hashed bundles under `assets/` (`index-B7f3kQ2a.js`). */
const HASHED_ASSET = /^assets\/.+[.-][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export function contentTypeOf(key: string): string {
  return CONTENT_TYPES[extname(key).toLowerCase()] ?? "application/octet-stream";
}

export function cacheControlOf(key: string): string {
  if (key.endsWith(".html") || key === WEB_APP_CONFIG_PATH.slice(1)) return CACHE_CONTROL.revalidate;
  if (HASHED_ASSET.test(key)) return CACHE_CONTROL.immutable;
  return CACHE_CONTROL.other;
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join(posix.sep))
    .sort();
}

/**
 * Publishes the web app to `WebBucket`, object by object with its content type and caching,
 * plus the `config.json` this environment's app reads at start.
 */
export class WebHosting extends Construct {
  /** Keys published, `config.json` included. */
  readonly keys: readonly string[];

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const configKey = WEB_APP_CONFIG_PATH.slice(1);
    const keys: string[] = [];

    if (props.distDir !== undefined) {
      // A fixed asset hash keeps each object's `source` stable; its ETag is what marks a change.
      const site = new TerraformAsset(this, "site", { path: props.distDir, type: AssetType.DIRECTORY, assetHash: "dist" });
      // A config.json in the build is the developer's local one; this environment's wins.
      for (const key of filesUnder(props.distDir).filter((file) => file !== configKey)) {
        new S3Object(this, `file-${key.replaceAll("/", "--")}`, {
          bucket: props.bucket.name,
          key,
          source: `${site.path}/${key}`,
          contentType: contentTypeOf(key),
          cacheControl: cacheControlOf(key),
          // Objects are SSE-S3 encrypted, so S3's ETag is the MD5 and a change is seen at plan.
          etag: createHash("md5").update(readFileSync(join(props.distDir, key))).digest("hex"),
        });
        keys.push(key);
      }
    }

    new S3Object(this, "config", {
      bucket: props.bucket.name,
      key: configKey,
      content: JSON.stringify(props.config, null, 2),
      contentType: contentTypeOf(configKey),
      cacheControl: cacheControlOf(configKey),
    });
    keys.push(configKey);
    this.keys = keys;
  }
}
