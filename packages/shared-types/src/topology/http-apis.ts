import type { FunctionName } from "../environment.js";

/**
 * Who may call a route. Every route is open today; accounts add a signed-in value here, and the
 * compiler then points at each renderer (infra's route authorizer, the local API front's check).
 */
export type RouteAccess = "public";

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

export const PLATFORM_APIS = {
  MovieUploadApi: {
    routes: {
      createUpload: { routeKey: "POST /uploads", function: "GeneratePresignedUrl", access: "public" },
      listStoredParts: { routeKey: "GET /uploads/{uploadId}/parts", function: "GeneratePresignedUrl", access: "public" },
      signParts: { routeKey: "POST /uploads/{uploadId}/parts", function: "GeneratePresignedUrl", access: "public" },
      completeUpload: { routeKey: "POST /uploads/{uploadId}/complete", function: "GeneratePresignedUrl", access: "public" },
      abortUpload: { routeKey: "DELETE /uploads/{uploadId}", function: "GeneratePresignedUrl", access: "public" },
    },
  },
  MovieStatusApi: {
    routes: {
      getStatus: { routeKey: "GET /status/{uploadId}", function: "QueryUploadStatus", access: "public" },
      listStatuses: { routeKey: "GET /status", function: "QueryUploadStatus", access: "public" },
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
