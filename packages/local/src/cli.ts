/**
 * `pnpm dev`: starts the local platform, prints where the web app is and the demo accounts to
 * sign in with, and stops everything on Ctrl-C (SIGINT) or SIGTERM. `--private-live` makes the
 * live channel need playback cookies, as an environment may.
 */
import { parseArgs } from "node:util";
import { UdpPortInUseError } from "./live/free-udp-port.js";
import { startLocalPlatform, type LocalPlatformOptions } from "./local-platform.js";

const DEFAULT_WEB_PORT = 4173;
/** Where an encoder on this machine pushes SRT (UDP). */
const DEFAULT_SRT_PORT = 9000;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env["LOCAL_WEB_PORT"] ?? String(DEFAULT_WEB_PORT) },
    "srt-port": { type: "string", default: process.env["LOCAL_SRT_PORT"] ?? String(DEFAULT_SRT_PORT) },
    "no-live": { type: "boolean", default: false },
    "private-live": { type: "boolean", default: false },
    preset: { type: "string", default: "ultrafast" },
    verbose: { type: "boolean", default: false },
  },
});

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

async function start(port: number, srtPort: number) {
  const options: LocalPlatformOptions = {
    webPort: port,
    preset: values.preset,
    statusUpdateIntervalMs: 2000,
    functionLogLevel: values.verbose ? "DEBUG" : "INFO",
    live: values["no-live"] ? false : srtPort === 0 ? {} : { port: srtPort },
    livePrivate: values["private-live"],
    log,
  };
  try {
    return await startLocalPlatform(options);
  } catch (error) {
    // The usual ports are taken (another `pnpm dev`?): any free one will do.
    if (error instanceof UdpPortInUseError && srtPort !== 0) {
      log(`SRT port ${srtPort} is in use; taking a free one`);
      return start(port, 0);
    }
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0) throw error;
    log(`port ${port} is in use; taking a free one`);
    return start(0, srtPort);
  }
}

const startedAt = performance.now();
const platform = await start(Number(values.port), Number(values["srt-port"]));
const startSeconds = ((performance.now() - startedAt) / 1000).toFixed(1);
const { user, admin } = platform.identity.users;
const liveLines = platform.live
  ? `
  live, SRT in ${platform.live.publishUrl} (push H.264/AAC in MPEG-TS, e.g. from OBS or ffmpeg)
  live, HLS out ${platform.webUrl}${platform.live.hlsPath} (the Live page plays it; ${platform.livePrivate ? "private: signed-in viewers get cookies" : "public"})
`
  : "";
const apiLines = Object.entries(platform.apiUrls)
  .map(([name, url]) => `  ${name.padEnd(15)} ${url} (behind ${platform.webUrl}/api/...)`)
  .join("\n");
console.log(`
  Video platform, local: ${platform.webUrl}   (started in ${startSeconds} s)

  sign in as   ${user.email} / ${user.password}
     or admin  ${admin.email} / ${admin.password} (sees every upload and its owner)

${apiLines}
  Cognito      ${platform.identity.cognitoEndpoint} (user pool ${platform.identity.userPoolId}, moto)
  moto_server  ${platform.awsEndpoint} (S3, DynamoDB, EventBridge, SQS, Secrets Manager, Cognito)
  MediaConvert ${platform.mediaConvertEndpoint} (ffmpeg)
${liveLines}
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
