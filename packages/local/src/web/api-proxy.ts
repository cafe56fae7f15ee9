import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";

/** An API behind the static front: the path prefixes the distribution routes to it, and where it listens. */
export interface ProxiedApi {
  readonly name: string;
  readonly pathPrefixes: readonly string[];
  /** Its base URL; undefined until it listens (the front starts first). */
  readonly url: () => string | undefined;
}

/** Answers a request if it is for one of the APIs; `false` leaves it to the next route. */
export type ApiProxy = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Hop-by-hop headers, which a proxy never passes on (RFC 9110 §7.6.1), and the viewer's Host. */
const NOT_FORWARDED = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host"]);

/**
 * The distribution's API behaviours, on the static front: a path under one of an API's prefixes
 * (CloudFront's `/api/uploads*`) goes to that API unchanged (method, path, query string, headers
 * with Authorization, body), and its answer comes back whole, every `Set-Cookie` included. As the
 * behaviours' origin request policy says: no caching, and the viewer's cookies are not forwarded.
 */
export function apiProxy(apis: () => readonly ProxiedApi[], log: (line: string) => void = () => undefined): ApiProxy {
  return (request, response) => {
    const path = new URL(request.url ?? "/", "http://local").pathname;
    const api = apis().find((candidate) => candidate.pathPrefixes.some((prefix) => path.startsWith(prefix)));
    if (!api) return false;
    const base = api.url();
    if (base === undefined) {
      response.writeHead(502, { "content-type": "text/plain" }).end(`${api.name} is not listening yet`);
      return true;
    }
    const target = new URL(request.url ?? "/", base);
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !NOT_FORWARDED.has(name) && name !== "cookie") headers[name] = value;
    }
    headers["x-forwarded-for"] = request.socket.remoteAddress ?? "127.0.0.1";
    const upstream = httpRequest(target, { method: request.method ?? "GET", headers }, (answer) => {
      const answerHeaders: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !NOT_FORWARDED.has(name)) answerHeaders[name] = value;
      }
      response.writeHead(answer.statusCode ?? 502, answerHeaders);
      answer.pipe(response);
    });
    upstream.on("error", (error) => {
      log(`static front → ${api.name}: ${error.message}`);
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end(`${api.name} did not answer`);
    });
    request.pipe(upstream);
    return true;
  };
}
