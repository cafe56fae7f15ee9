import { WebAppConfig } from "@video-platform/shared-types";

/** The config.json the local platform serves: its own API fronts, media (and the live channel, when on) from this origin. */
export function localWebAppConfig(endpoints: {
  uploadApiUrl: string;
  statusApiUrl: string;
  liveHlsPath?: string | null;
}): WebAppConfig {
  return WebAppConfig.parse({
    uploadApiUrl: endpoints.uploadApiUrl,
    statusApiUrl: endpoints.statusApiUrl,
    mediaBaseUrl: "",
    liveHlsPath: endpoints.liveHlsPath ?? null,
    environment: "local",
  });
}
