import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { WEB_APP_CONFIG_PATH, WebAppConfig } from "@video-platform/shared-types";
import sirv from "sirv";
import { liveHlsRoute } from "../../src/live/live-hls-route.js";
import { LOCAL_LIVE_HLS_PATH } from "../../src/live/live-paths.js";
import { startSrtLiveIngest, type RunningSrtLiveIngest } from "../../src/live/srt-live-ingest.js";

const WEB_ROOT = fileURLToPath(new URL("../../node_modules/@video-platform/web/dist", import.meta.url));

export interface LiveFront {
  readonly webUrl: string;
  readonly ingest: RunningSrtLiveIngest;
  stop(): Promise<void>;
}

/** The web app, its config.json with the live path, and the SRT ingest's live HLS, on one origin. */
export async function startLiveFront(log: (line: string) => void): Promise<LiveFront> {
  const ingest = await startSrtLiveIngest({ preset: "ultrafast", log });
  const app = sirv(WEB_ROOT, { single: true });
  const live = liveHlsRoute({ outputDir: ingest.outputDir });
  let base = "";
  const server = createServer((request, response) => {
    if (request.url === WEB_APP_CONFIG_PATH) {
      const config = WebAppConfig.parse({
        uploadApiUrl: `${base}/api`,
        statusApiUrl: `${base}/api`,
        mediaBaseUrl: "",
        liveHlsPath: LOCAL_LIVE_HLS_PATH,
        environment: "local",
      });
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(config));
      return;
    }
    if (!live(request, response)) app(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    webUrl: base,
    ingest,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await ingest.stop();
    },
  };
}
