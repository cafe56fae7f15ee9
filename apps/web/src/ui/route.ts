export type Route =
  | { readonly page: "uploads" }
  | { readonly page: "watch"; readonly uploadId: string }
  | { readonly page: "live" }
  | { readonly page: "not-found" };

/** Hash routes, so any static host serves every page from one index.html. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "").replace(/\/+$/, "");
  if (path === "" || path === "/") return { page: "uploads" };
  if (path === "/live") return { page: "live" };
  const watch = /^\/watch\/([^/]+)$/.exec(path);
  if (watch?.[1] !== undefined) {
    try {
      return { page: "watch", uploadId: decodeURIComponent(watch[1]) };
    } catch {
      return { page: "not-found" };
    }
  }
  return { page: "not-found" };
}

export function watchHref(uploadId: string): string {
  return `#/watch/${uploadId}`;
}
