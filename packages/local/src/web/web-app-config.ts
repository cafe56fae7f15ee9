import { WebAppConfig } from "@video-platform/shared-types";

/** The config.json the local platform serves: its own API fronts, media from this origin, no live channel. */
export function localWebAppConfig(endpoints: { uploadApiUrl: string; statusApiUrl: string }): WebAppConfig {
  return WebAppConfig.parse({
    uploadApiUrl: endpoints.uploadApiUrl,
    statusApiUrl: endpoints.statusApiUrl,
    mediaBaseUrl: "",
    liveHlsPath: null,
    environment: "local",
  });
}
