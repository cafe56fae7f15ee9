import type { App } from "cdktf";
import type { BuildArtifacts } from "./artifacts.js";
import type { CiAccessConfig } from "./ci-access-config.js";
import type { EnvironmentConfig } from "./config.js";
import type { CiStackTarget } from "./constructs/ci-access/ci-permissions.js";
import { refreshedSecretNames } from "./refreshed-secrets.js";
import type { RemoteStateSettings } from "./remote-state.js";
import { CiAccessStack } from "./stacks/ci-access-stack.js";
import { PlatformStack } from "./stacks/platform-stack.js";
import { StateBootstrapStack } from "./stacks/state-bootstrap-stack.js";

export const STATE_BOOTSTRAP_STACK = "state-bootstrap";
export const CI_ACCESS_STACK = "ci-access";

export interface PlatformAppProps {
  readonly environments: readonly EnvironmentConfig[];
  readonly artifacts: BuildArtifacts;
  readonly ciAccess: CiAccessConfig;
  readonly remoteState?: RemoteStateSettings;
  /** Keep the bootstrap stack's state local even with a state bucket set: its first apply creates that bucket. */
  readonly stateBootstrapLocal?: boolean;
}

export interface PlatformApp {
  readonly environments: readonly PlatformStack[];
  readonly stateBootstrap: StateBootstrapStack;
  readonly ciAccess: CiAccessStack;
}

/**
 * One stack per environment, named after it; the stack that creates the state bucket; and the
 * stack that lets GitHub Actions plan and deploy all of them.
 */
export function buildPlatformApp(app: App, props: PlatformAppProps): PlatformApp {
  const environments = props.environments.map(
    (config) => new PlatformStack(app, config.name, { config, artifacts: props.artifacts, remoteState: props.remoteState }),
  );
  const accountRegion = props.remoteState?.region ?? props.environments[0]?.region ?? "eu-west-1";
  const stateBootstrap = new StateBootstrapStack(app, STATE_BOOTSTRAP_STACK, {
    region: accountRegion,
    bucketName: props.remoteState?.bucket,
    remoteState: props.stateBootstrapLocal ? undefined : props.remoteState,
  });
  const targets: CiStackTarget[] = [
    ...environments.map((stack, i) => {
      const config = props.environments[i]!;
      return {
        stack: config.name,
        region: config.region,
        refreshedSecrets: refreshedSecretNames(stack),
        environment: { name: config.name, namePrefix: config.namePrefix },
      };
    }),
    { stack: STATE_BOOTSTRAP_STACK, region: accountRegion, refreshedSecrets: [] },
    { stack: CI_ACCESS_STACK, region: accountRegion, refreshedSecrets: [] },
  ];
  const ciAccess = new CiAccessStack(app, CI_ACCESS_STACK, {
    config: props.ciAccess,
    region: accountRegion,
    targets,
    remoteState: props.remoteState,
  });
  return { environments, stateBootstrap, ciAccess };
}
