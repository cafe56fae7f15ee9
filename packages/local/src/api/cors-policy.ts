/** An HTTP API's CORS configuration, as infra sets it on AWS. */
export interface CorsPolicy {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

/** Headers API Gateway adds to an answer for this origin (none for an origin it does not allow). */
export function corsHeaders(policy: CorsPolicy, origin: string | undefined): Record<string, string> {
  if (!origin || !(policy.allowOrigins.includes(origin) || policy.allowOrigins.includes("*"))) return {};
  return { "access-control-allow-origin": origin, vary: "Origin" };
}

/** API Gateway's own answer to a preflight; the function is never invoked for it. */
export function preflightHeaders(
  policy: CorsPolicy,
  origin: string | undefined,
  requestedMethod: string | undefined,
): Record<string, string> {
  const base = corsHeaders(policy, origin);
  if (!base["access-control-allow-origin"] || !requestedMethod) return {};
  if (!policy.allowMethods.includes(requestedMethod.toUpperCase())) return {};
  return {
    ...base,
    "access-control-allow-methods": policy.allowMethods.join(","),
    "access-control-allow-headers": policy.allowHeaders.join(","),
    "access-control-max-age": String(policy.maxAgeSeconds),
  };
}
