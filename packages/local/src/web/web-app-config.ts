import { WebAppConfig } from "@video-platform/shared-types";

export interface LocalWebAppConfigInput {
  /** The local user pool and its web client. */
  readonly auth: { readonly region: string; readonly userPoolId: string; readonly userPoolClientId: string };
  /** The local Cognito front the sign-in library talks to (moto, with its deviations bridged). */
  readonly cognitoEndpoint: string;
  readonly liveHlsPath: string | null;
  readonly livePrivate: boolean;
}

/** The config.json the local platform serves: its user pool behind the Cognito front; APIs, media and live on this origin. */
export function localWebAppConfig(input: LocalWebAppConfigInput): WebAppConfig {
  return WebAppConfig.parse({
    auth: { ...input.auth, endpoint: input.cognitoEndpoint },
    liveHlsPath: input.liveHlsPath,
    livePrivate: input.livePrivate,
    environment: "local",
  });
}
