import { fileURLToPath } from "node:url";
import { App } from "cdktf";
import { buildPlatformApp } from "./app.js";
import { locateArtifacts } from "./artifacts.js";
import { CI_ACCESS, parseCiAccessConfig } from "./ci-access-config.js";
import { ENVIRONMENTS, parseEnvironments } from "./config.js";
import { copyProviderLocks } from "./provider-locks.js";
import { remoteStateFromEnv } from "./remote-state.js";

// Configuration is checked before any construct exists: a bad value fails here, by name.
const environments = parseEnvironments(ENVIRONMENTS);
const ciAccess = parseCiAccessConfig(CI_ACCESS);
const remoteState = remoteStateFromEnv(process.env);
const artifacts = locateArtifacts();

const app = new App({ stackTraces: false });
buildPlatformApp(app, { environments, artifacts, ciAccess, remoteState, stateBootstrapLocal: process.env.TF_STATE_BOOTSTRAP_LOCAL === "1" });
app.synth();

// This file runs as dist/synth.mjs: the committed lock files sit beside dist/.
const missing = copyProviderLocks(app.outdir, fileURLToPath(new URL("../provider-locks/", import.meta.url)));
if (missing.length > 0) {
  console.warn(`no committed provider lock file for ${missing.join(", ")}: run \`pnpm --filter @video-platform/infra run lock-providers\``);
}
