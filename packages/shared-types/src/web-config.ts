import * as z from "zod";

/** Where the web app signs people in: the environment's Cognito user pool and its web client. */
export const WebAuthConfig = z.object({
  region: z.string().min(1),
  userPoolId: z.string().min(1),
  /** The public app client (no secret; SRP and refresh flows). Its id is the tokens' `client_id`. */
  userPoolClientId: z.string().min(1),
  /** Cognito's endpoint when it is not AWS's regional one (the local platform's); null on AWS. */
  endpoint: z.url().nullable(),
});
export type WebAuthConfig = z.infer<typeof WebAuthConfig>;

/**
 * `config.json`, fetched by the web app at start. Infra writes it from the stack's outputs and
 * the local platform serves its own, so one build of the app serves every environment. The APIs
 * (`/api/...`), the media (`/vod/...`) and the live channel are served from the app's own origin.
 */
export const WebAppConfig = z.object({
  auth: WebAuthConfig,
  /** Path of the live channel's HLS playlist, or null when live is off here. */
  liveHlsPath: z.string().startsWith("/").nullable(),
  /** Whether the live channel needs playback cookies (`POST /api/live/playback`) before it plays. */
  livePrivate: z.boolean(),
  /** The environment's name, shown in the page header. */
  environment: z.string().min(1),
});
export type WebAppConfig = z.infer<typeof WebAppConfig>;

export const WEB_APP_CONFIG_PATH = "/config.json";
