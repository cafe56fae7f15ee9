import type { FunctionName } from "../environment.js";

/**
 * Who may call a route: `signed-in` needs a valid access token of the platform's user pool (the
 * JWT authorizer in infra, the same checks in the local API front); `public` needs nothing. Every
 * route of the platform is `signed-in`; what a caller may do once in is the handlers' ownership rule.
 */
export type RouteAccess = "public" | "signed-in";

/**
 * Every route lives under this path, so that one CloudFront distribution serves the web app, the
 * APIs and the media from one origin: the app needs no CORS and its cookies reach the media.
 */
export const API_PATH_PREFIX = "/api";

export interface HttpRoute {
  /** API Gateway route key: `METHOD /path`, `{name}` matching one path segment. */
  readonly routeKey: string;
  /** The function API Gateway proxies the request to (payload format 2.0). */
  readonly function: FunctionName;
  readonly access: RouteAccess;
}

export interface HttpApiDefinition {
  /** By name; the handlers dispatch on the route keys. */
  readonly routes: Readonly<Record<string, HttpRoute>>;
}

/**
 * `MovieUploadApi` takes files in; `MovieStatusApi` is everything about videos once they exist:
 * their status, playback cookies (given and taken back), deletion. The distribution routes each API's path prefixes
 * (`apiPathPrefixesOf`) to it.
 */
export const PLATFORM_APIS = {
  MovieUploadApi: {
    routes: {
      createUpload: { routeKey: "POST /api/uploads", function: "GeneratePresignedUrl", access: "signed-in" },
      listStoredParts: { routeKey: "GET /api/uploads/{uploadId}/parts", function: "GeneratePresignedUrl", access: "signed-in" },
      signParts: { routeKey: "POST /api/uploads/{uploadId}/parts", function: "GeneratePresignedUrl", access: "signed-in" },
      completeUpload: { routeKey: "POST /api/uploads/{uploadId}/complete", function: "GeneratePresignedUrl", access: "signed-in" },
      abortUpload: { routeKey: "DELETE /api/uploads/{uploadId}", function: "GeneratePresignedUrl", access: "signed-in" },
    },
  },
  MovieStatusApi: {
    routes: {
      getStatus: { routeKey: "GET /api/status/{uploadId}", function: "QueryUploadStatus", access: "signed-in" },
      listStatuses: { routeKey: "GET /api/status", function: "QueryUploadStatus", access: "signed-in" },
      grantPlayback: { routeKey: "POST /api/videos/{uploadId}/playback", function: "QueryUploadStatus", access: "signed-in" },
      grantLivePlayback: { routeKey: "POST /api/live/playback", function: "QueryUploadStatus", access: "signed-in" },
      // Sign-out: the playback cookies are HttpOnly, so only an answer can take them out of the browser.
      endPlayback: { routeKey: "DELETE /api/videos/{uploadId}/playback", function: "QueryUploadStatus", access: "signed-in" },
      endLivePlayback: { routeKey: "DELETE /api/live/playback", function: "QueryUploadStatus", access: "signed-in" },
      deleteVideo: { routeKey: "DELETE /api/videos/{uploadId}", function: "DeleteVideo", access: "signed-in" },
    },
  },
} as const satisfies Record<string, HttpApiDefinition>;

export type ApiName = keyof typeof PLATFORM_APIS;
export type PlatformApis = { readonly [A in ApiName]: HttpApiDefinition };

/** An API's route keys by route name, with their literal types (what handlers dispatch on). */
export type RouteKeysOf<A extends HttpApiDefinition> = { readonly [R in keyof A["routes"]]: A["routes"][R]["routeKey"] };

export function routeKeysOf<A extends HttpApiDefinition>(api: A): RouteKeysOf<A> {
  return Object.fromEntries(Object.entries(api.routes).map(([name, route]) => [name, route.routeKey])) as RouteKeysOf<A>;
}

/** The HTTP methods route keys use, once each and sorted (what an API's CORS configuration allows). */
export function methodsOf(routeKeys: readonly string[]): string[] {
  return [...new Set(routeKeys.map((routeKey) => routeKey.split(" ")[0] ?? ""))].sort();
}

/**
 * The path prefixes an API answers, `/api/<first segment>`, once each and sorted: what the
 * distribution (and the local static front) routes to that API. `GET /api/status/{id}` and
 * `GET /api/status` give `/api/status`.
 */
export function apiPathPrefixesOf(api: HttpApiDefinition): string[] {
  const prefixes = Object.values(api.routes).map((route) => {
    const path = route.routeKey.split(" ")[1] ?? "";
    const segments = path.split("/").filter((segment) => segment.length > 0);
    return `/${segments.slice(0, 2).join("/")}`;
  });
  return [...new Set(prefixes)].sort();
}
