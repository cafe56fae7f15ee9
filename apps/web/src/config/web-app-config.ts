import { WEB_APP_CONFIG_PATH, WebAppConfig } from "@video-platform/shared-types";
import type { FetchLike } from "../api/json-request.js";

/** config.json is missing, unreadable or not a WebAppConfig: the app cannot know its endpoints. */
export class WebAppConfigError extends Error {
  override readonly name = "WebAppConfigError";
}

/**
 * Reads the endpoints of this environment at start, so one build serves every environment.
 * `no-store`: a deploy that changes endpoints must never be hidden behind a cached copy.
 */
export async function loadWebAppConfig(fetchFn: FetchLike, origin: string): Promise<WebAppConfig> {
  const url = new URL(WEB_APP_CONFIG_PATH, origin).href;
  let response: Response;
  try {
    response = await fetchFn(url, { cache: "no-store", headers: { accept: "application/json" } });
  } catch (error) {
    throw new WebAppConfigError(`Could not fetch ${WEB_APP_CONFIG_PATH}`, { cause: error });
  }
  if (!response.ok) throw new WebAppConfigError(`${WEB_APP_CONFIG_PATH} answered ${response.status}`);

  let payload: unknown;
  try {
    payload = await response.json();
  } catch (error) {
    throw new WebAppConfigError(`${WEB_APP_CONFIG_PATH} is not JSON`, { cause: error });
  }
  const parsed = WebAppConfig.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`);
    throw new WebAppConfigError(`${WEB_APP_CONFIG_PATH} is invalid: ${problems.join("; ")}`);
  }
  return parsed.data;
}
