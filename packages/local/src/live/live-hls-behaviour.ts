import type { IncomingMessage, ServerResponse } from "node:http";
import sirv from "sirv";
import type { MediaBehaviour } from "../web/static-front.js";
import { LOCAL_LIVE_PATH_PREFIX } from "./live-paths.js";

export interface LiveHlsBehaviourOptions {
  /** The live ingest's output directory. */
  readonly outputDir: string;
  /** URL prefix the files are served under; the CloudFront live behaviour's (`/out/v1/local/`). */
  readonly pathPrefix?: string;
  /** Whether the channel is private: its behaviour then trusts the key group, as `/vod/*` does. */
  readonly signed: boolean;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  m3u8: "application/vnd.apple.mpegurl",
  ts: "video/mp2t",
};

/**
 * Serves the live HLS files as MediaPackage would through CloudFront: playlists change every
 * segment and must not be cached longer than about one; segments never change once written.
 */
export function liveHlsBehaviour(options: LiveHlsBehaviourOptions): MediaBehaviour {
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
  return {
    pathPrefix: prefix,
    signed: options.signed,
    serve: (request: IncomingMessage, response: ServerResponse) => {
      request.url = `/${new URL(request.url ?? "/", "http://local").pathname.slice(prefix.length)}`;
      files(request, response);
    },
  };
}
