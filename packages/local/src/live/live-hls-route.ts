import type { IncomingMessage, ServerResponse } from "node:http";
import sirv from "sirv";
import { LOCAL_LIVE_PATH_PREFIX } from "./live-paths.js";

export interface LiveHlsRouteOptions {
  /** The live ingest's output directory. */
  readonly outputDir: string;
  /** URL prefix the files are served under; the CloudFront live behaviour's (`/out/v1/local/`). */
  readonly pathPrefix?: string;
}

/** Answers a request if it is for the live output; `false` leaves it to the next route. */
export type LiveHlsRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  m3u8: "application/vnd.apple.mpegurl",
  ts: "video/mp2t",
};

/**
 * Serves the live HLS files as MediaPackage would through CloudFront: playlists change every
 * segment and must not be cached longer than about one; segments never change once written.
 */
export function liveHlsRoute(options: LiveHlsRouteOptions): LiveHlsRoute {
  const prefix = options.pathPrefix ?? LOCAL_LIVE_PATH_PREFIX;
  const files = sirv(options.outputDir, {
    // Files come and go every two seconds: look on disk per request instead of a startup listing.
    dev: true,
    etag: false,
    setHeaders: (response, pathname) => {
      const extension = pathname.slice(pathname.lastIndexOf(".") + 1);
      const type = CONTENT_TYPES[extension];
      if (type) response.setHeader("content-type", type);
      response.setHeader("cache-control", extension === "m3u8" ? "max-age=1" : "max-age=86400, immutable");
    },
    onNoMatch: (_request, response) => {
      response.writeHead(404, { "content-type": "text/plain", "cache-control": "no-store" }).end("Not Found");
    },
  });
  return (request, response) => {
    const url = new URL(request.url ?? "/", "http://local");
    if (!url.pathname.startsWith(prefix)) return false;
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return true;
    }
    request.url = `/${url.pathname.slice(prefix.length)}`;
    files(request, response);
    return true;
  };
}
