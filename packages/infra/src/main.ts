import { App } from "cdktf";
import { buildPlatformApp } from "./app.js";
import { locateArtifacts } from "./artifacts.js";
import { ENVIRONMENTS, parseEnvironments } from "./config.js";
import { remoteStateFromEnv } from "./remote-state.js";

// Configuration is checked before any construct exists: a bad value fails here, by name.
const environments = parseEnvironments(ENVIRONMENTS);
const remoteState = remoteStateFromEnv(process.env);
const artifacts = locateArtifacts();

const app = new App({ stackTraces: false });
buildPlatformApp(app, { environments, artifacts, remoteState });
app.synth();
