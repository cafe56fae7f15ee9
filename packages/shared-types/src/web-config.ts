import * as z from "zod";

/**
 * `config.json`, fetched by the web app at start. Infra writes it from the stack's outputs and
 * the local platform serves its own, so one build of the app serves every environment.
 */
export const WebAppConfig = z.object({
  /** Base URL of MovieUploadApi, without a trailing slash. */
  uploadApiUrl: z.url(),
  /** Base URL of MovieStatusApi, without a trailing slash. */
  statusApiUrl: z.url(),
  /** Where `vod/...` and `live/...` paths are served (the CloudFront domain); "" means this origin. */
  mediaBaseUrl: z.union([z.url(), z.literal("")]),
  /** Path of the live channel's HLS playlist under mediaBaseUrl, or null when live is off here. */
  liveHlsPath: z.string().startsWith("/").nullable(),
  /** The environment's name, shown in the page header. */
  environment: z.string().min(1),
});
export type WebAppConfig = z.infer<typeof WebAppConfig>;

export const WEB_APP_CONFIG_PATH = "/config.json";
