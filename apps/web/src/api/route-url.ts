/**
 * Turns an API Gateway route key ("POST /api/uploads/{uploadId}/parts") into a method and a URL
 * under the app's origin (where `/api/...` is served), so the app calls exactly the routes the contract names.
 */
export interface RouteRequest {
  readonly method: string;
  readonly url: string;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

export function routeRequest(
  baseUrl: string,
  routeKey: string,
  params: Readonly<Record<string, string>> = {},
  query: Readonly<Record<string, string | number | undefined>> = {},
): RouteRequest {
  const [method, template] = routeKey.split(" ");
  if (method === undefined || template === undefined) throw new Error(`Not a route key: ${routeKey}`);
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Route ${routeKey} needs {${name}}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const queryString = search.toString();
  return { method, url: joinUrl(baseUrl, path) + (queryString === "" ? "" : `?${queryString}`) };
}
