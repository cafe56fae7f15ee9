/**
 * `pnpm dev`: starts the local platform, prints where the web app is, and stops everything on
 * Ctrl-C (SIGINT) or SIGTERM.
 */
import { parseArgs } from "node:util";
import { startLocalPlatform } from "./local-platform.js";

// Lambda runs these functions on a Node the SDK supports; here the SDK's Node 20 notice is noise.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const DEFAULT_WEB_PORT = 4173;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env["LOCAL_WEB_PORT"] ?? String(DEFAULT_WEB_PORT) },
    preset: { type: "string", default: "ultrafast" },
    verbose: { type: "boolean", default: false },
  },
});

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

async function start(port: number) {
  const options = {
    webPort: port,
    preset: values.preset,
    statusUpdateIntervalMs: 2000,
    functionLogLevel: values.verbose ? "DEBUG" : "INFO",
    log,
  };
  try {
    return await startLocalPlatform(options);
  } catch (error) {
    // The usual port is taken (another `pnpm dev`?): any free one will do.
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0) throw error;
    log(`port ${port} is in use; taking a free one`);
    return startLocalPlatform({ ...options, webPort: 0 });
  }
}

const platform = await start(Number(values.port));
console.log(`
  Video platform, local: ${platform.webUrl}

  upload API   ${platform.uploadApiUrl}
  status API   ${platform.statusApiUrl}
  moto_server  ${platform.awsEndpoint} (S3, DynamoDB, EventBridge, SQS)
  MediaConvert ${platform.mediaConvertEndpoint} (ffmpeg)

  Ctrl-C stops everything.
`);

let stoppingSince: number | undefined;
async function shutdown(signal: string) {
  if (stoppingSince !== undefined) {
    // One Ctrl-C reaches us twice (from the terminal and relayed by tsx); only a later one forces.
    if (Date.now() - stoppingSince < 1500) return;
    log(`${signal} again: leaving without waiting`);
    process.exit(1);
  }
  stoppingSince = Date.now();
  log(`${signal}: stopping the local platform…`);
  await platform.stop();
  log("stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
