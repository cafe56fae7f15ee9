import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { VOD_OUTPUT_PREFIX, WEB_APP_CONFIG_PATH, type WebAppConfig } from "@video-platform/shared-types";
import sirv from "sirv";
import { listenOnLoopback } from "@video-platform/aws-emulator";
import type { SignedRequestCheck } from "../auth/signed-request-check.js";
import { apiProxy, type ProxiedApi } from "./api-proxy.js";
import { privateMediaGate } from "./private-media-gate.js";

export interface StaticFrontOptions {
  /** The built web app (`apps/web/dist`). */
  readonly webRoot: string;
  readonly s3: S3Client;
  readonly processedBucket: string;
  /** Called per request, so the config can name servers started after this one. */
  readonly config: () => WebAppConfig;
  /** The APIs under `/api/...`, each with the path prefixes the distribution routes to it (asked per request). */
  readonly apis: () => readonly ProxiedApi[];
  /** CloudFront's check against the key group (signed URLs and signed cookies), on every `signed` behaviour. */
  readonly signedRequestCheck: SignedRequestCheck;
  /** The live channel's behaviour, when there is a channel. */
  readonly live?: MediaBehaviour;
  readonly port?: number;
  readonly log?: (line: string) => void;
}

/** One of the distribution's media behaviours: the paths it routes to one origin, and whether it trusts the key group. */
export interface MediaBehaviour {
  /** CloudFront's path pattern `<pathPrefix>*`. */
  readonly pathPrefix: string;
  /** Whether it trusts the key group: a request without a signed URL or signed cookies the check accepts gets 403. */
  readonly signed: boolean;
  /** The origin: answers a GET or HEAD under `pathPrefix`. */
  readonly serve: (request: IncomingMessage, response: ServerResponse) => void;
}

export interface RunningStaticFront {
  readonly url: string;
  stop(): Promise<void>;
}

export class WebAppNotBuiltError extends Error {
  override readonly name = "WebAppNotBuiltError";
}

async function serveProcessedObject(options: StaticFrontOptions, request: IncomingMessage, response: ServerResponse) {
  const key = decodeURIComponent(new URL(request.url ?? "/", "http://local").pathname.slice(1));
  const range = request.headers.range;
  try {
    const object = await options.s3.send(
      new GetObjectCommand({ Bucket: options.processedBucket, Key: key, ...(range ? { Range: range } : {}) }),
    );
    const headers: Record<string, string> = {
      "content-type": object.ContentType ?? "application/octet-stream",
      "accept-ranges": "bytes",
      // What the delivery distribution's VOD behaviour promises: outputs never change once written.
      "cache-control": key.endsWith(".m3u8") ? "max-age=60" : "max-age=31536000, immutable",
    };
    if (object.ContentLength !== undefined) headers["content-length"] = String(object.ContentLength);
    if (object.ContentRange) headers["content-range"] = object.ContentRange;
    if (object.ETag) headers["etag"] = object.ETag;
    response.writeHead(object.ContentRange ? 206 : 200, headers);
    if (request.method === "HEAD" || !(object.Body instanceof Readable)) {
      response.end();
      return;
    }
    object.Body.pipe(response);
  } catch (error) {
    const name = (error as Error).name;
    const status = name === "NoSuchKey" || name === "NotFound" ? 404 : name === "InvalidRange" ? 416 : 502;
    response.writeHead(status, { "content-type": "text/plain" }).end(status === 404 ? "Not Found" : name);
  }
}

/**
 * What the one CloudFront distribution serves on AWS, on one local origin: the web app (the
 * default behaviour: any unknown path falls back to index.html), its config.json, both APIs under
 * `/api/...`, and the media behaviours: `/vod/*` from the processed bucket for signed URLs and
 * viewers with signed cookies, and the live channel (behind the same check when it is private).
 */
export async function startStaticFront(options: StaticFrontOptions): Promise<RunningStaticFront> {
  if (!existsSync(join(options.webRoot, "index.html"))) {
    throw new WebAppNotBuiltError(
      `the web app is not built (${options.webRoot}/index.html is missing): run pnpm --filter @video-platform/web build`,
    );
  }
  const app = sirv(options.webRoot, {
    single: true,
    etag: true,
    setHeaders: (response, pathname) => {
      // Hashed assets may be cached for good; index.html must be fetched again to find new ones.
      response.setHeader("cache-control", pathname.startsWith("/assets/") ? "max-age=31536000, immutable" : "no-cache");
    },
  });
  const apis = apiProxy(options.apis, options.log);
  const refused = privateMediaGate({ check: options.signedRequestCheck, ...(options.log ? { log: options.log } : {}) });
  const media: readonly MediaBehaviour[] = [
    { pathPrefix: `/${VOD_OUTPUT_PREFIX}`, signed: true, serve: (request, response) => void serveProcessedObject(options, request, response) },
    ...(options.live ? [options.live] : []),
  ];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://local").pathname;
    if (path === WEB_APP_CONFIG_PATH) {
      response.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" });
      response.end(JSON.stringify(options.config()));
      return;
    }
    if (apis(request, response)) return;
    const behaviour = media.find((candidate) => path.startsWith(candidate.pathPrefix));
    if (!behaviour) {
      app(request, response);
      return;
    }
    if (behaviour.signed && refused(request, response)) return;
    // The media behaviours allow GET and HEAD only, as the distribution's do.
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    behaviour.serve(request, response);
  });
  const listener = await listenOnLoopback(server, options.port);
  return { url: listener.url, stop: listener.close };
}
