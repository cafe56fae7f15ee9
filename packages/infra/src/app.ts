import type { App } from "cdktf";
import type { BuildArtifacts } from "./artifacts.js";
import type { EnvironmentConfig } from "./config.js";
import type { RemoteStateSettings } from "./remote-state.js";
import { PlatformStack } from "./stacks/platform-stack.js";
import { StateBootstrapStack } from "./stacks/state-bootstrap-stack.js";

export const STATE_BOOTSTRAP_STACK = "state-bootstrap";

export interface PlatformAppProps {
  readonly environments: readonly EnvironmentConfig[];
  readonly artifacts: BuildArtifacts;
  readonly remoteState?: RemoteStateSettings;
}

export interface PlatformApp {
  readonly environments: readonly PlatformStack[];
  readonly stateBootstrap: StateBootstrapStack;
}

/** One stack per environment, named after it, plus the stack that creates the state bucket. */
export function buildPlatformApp(app: App, props: PlatformAppProps): PlatformApp {
  const environments = props.environments.map(
    (config) => new PlatformStack(app, config.name, { config, artifacts: props.artifacts, remoteState: props.remoteState }),
  );
  const stateRegion = props.remoteState?.region ?? props.environments[0]?.region ?? "eu-west-1";
  const stateBootstrap = new StateBootstrapStack(app, STATE_BOOTSTRAP_STACK, {
    region: stateRegion,
    bucketName: props.remoteState?.bucket,
  });
  return { environments, stateBootstrap };
}
