import type { IncomingMessage, ServerResponse } from "node:http";
import type { SignedRequestCheck } from "../auth/signed-request-check.js";

export interface PrivateMediaGateOptions {
  /** CloudFront's check against the trusted key group: a signed URL, or else signed cookies. */
  readonly check: SignedRequestCheck;
  readonly log?: (line: string) => void;
}

/** Refuses a request (answering it) when it is not signed as it must be; `false` lets it through. */
export type PrivateMediaGate = (request: IncomingMessage, response: ServerResponse) => boolean;

/** CloudFront's 403 bodies: `MissingKey` when nothing signed came, `AccessDenied` for any other refusal. */
function refusalBody(code: "MissingKey" | "AccessDenied", message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

/**
 * What a behaviour that trusts a key group does before its origin is asked: the request must be a
 * signed URL, or carry signed cookies, that `check` accepts for the URL as the viewer asked for it
 * (this origin, the path and the query string); otherwise 403, and the origin is never asked.
 * Locally the answer also says why, in `x-local-refusal` (CloudFront does not).
 */
export function privateMediaGate(options: PrivateMediaGateOptions): PrivateMediaGate {
  const log = options.log ?? (() => undefined);
  return (request, response) => {
    const requested = request.url ?? "/";
    const verdict = options.check({
      url: `http://${request.headers.host ?? "127.0.0.1"}${requested}`,
      cookie: request.headers.cookie,
      ...(request.socket.remoteAddress ? { sourceIp: request.socket.remoteAddress } : {}),
    });
    if (verdict.ok) return false;
    log(`static front: ${new URL(requested, "http://local").pathname} → 403 (${verdict.reason}: ${verdict.detail})`);
    const body =
      verdict.reason === "unsigned"
        ? refusalBody("MissingKey", "Missing Key-Pair-Id query parameter or cookie value")
        : refusalBody("AccessDenied", "Access denied");
    response.writeHead(403, { "content-type": "text/xml", "cache-control": "no-store", "x-local-refusal": verdict.reason });
    response.end(body);
    return true;
  };
}
