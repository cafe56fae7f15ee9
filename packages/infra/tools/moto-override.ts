/**
 * What lets a synthesized stack apply to moto_server (moto 5.2.1, hashicorp/aws 5.100.0). It is
 * derived from the stack's JSON by resource type and by what moto does, never from addresses, so
 * it follows the stack as resources are added or renamed. Facts it acts on:
 * - CloudFront: moto serves distributions, Origin Access Control, key groups and public keys only;
 *   every other CloudFront API (cache, response-headers and origin-request policies, functions)
 *   answers 404. Those resources are left out (`count = 0`); a behaviour falls back to the managed
 *   CachingOptimized policy and loses its response-headers policy and function associations.
 * - MediaConvert is not emulated: its resources are left out, and so is a CloudFormation stack
 *   declaring a MediaConvert type (moto's CreateStack answers 500; the provider retries until it
 *   times out). Other references to a left-out resource get an ARN-shaped placeholder.
 * - moto writes a distribution's ARN without its empty region field
 *   (`arn:aws:cloudfront:<account>:distribution/<id>`), which the provider refuses as the
 *   resource of a CloudWatch Logs delivery source: CloudFront's log delivery (the
 *   `aws_cloudwatch_log_delivery*` resources) is left out.
 * - moto ignores the `Bool aws:SecureTransport` condition, so a TLS-only Deny denies every request:
 *   such statements are dropped from policy documents; a resource whose whole policy was that
 *   document is left out.
 * - A rule target that is a Lambda function makes moto's delivery raise (PutEvents answers 500 and
 *   S3 events are dropped for every rule): each one is redirected to an SQS queue standing in for
 *   the function. Override files only change existing blocks, so the queues come in a second file.
 * Every `aws` provider (aliases too) gets moto's endpoint, dummy keys and no account lookups, and
 * state is local.
 */

import { createHash } from "node:crypto";
import { everyAwsProvider, notAwsProviderSettings, providerAliases } from "./offline-plan.js";

export type Block = Record<string, unknown>;

/** The parts of Terraform JSON (`cdk.tf.json`) this reads and writes. */
export interface TerraformConfig {
  terraform?: Block;
  provider?: Record<string, Block[]>;
  resource?: Record<string, Record<string, Block>>;
  data?: Record<string, Record<string, Block>>;
  output?: Record<string, Block>;
}

export interface MotoOverrideOptions {
  /** moto_server's URL, e.g. `http://127.0.0.1:5000`. */
  readonly endpoint: string;
  /** Endpoint names (as in the provider's `endpoints` block) pointed at moto. */
  readonly services: readonly string[];
  /** The local state file, relative to the working directory. */
  readonly statePath: string;
}

export interface MotoOverride {
  /** Written as {@link MOTO_OVERRIDE_FILE}: merged into the stack's own blocks. */
  readonly override: TerraformConfig;
  /** Written as {@link MOTO_STAND_INS_FILE}: the new blocks (stand-in queues). */
  readonly standIns: TerraformConfig;
  /** Addresses left out. */
  readonly removed: readonly string[];
  /** Rule target address → address of the queue standing in for its Lambda function. */
  readonly redirected: Readonly<Record<string, string>>;
}

/** Terraform reads `*_override.tf.json` after every other file and merges it into their blocks. */
export const MOTO_OVERRIDE_FILE = "moto_override.tf.json";
export const MOTO_STAND_INS_FILE = "moto_stand_ins.tf.json";

/** The id of the AWS managed cache policy "Managed-CachingOptimized" (the same in every account). */
export const MANAGED_CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";

const SERVED_CLOUDFRONT_TYPES = new Set([
  "aws_cloudfront_distribution",
  "aws_cloudfront_origin_access_control",
  "aws_cloudfront_key_group",
  "aws_cloudfront_public_key",
]);
const UNSERVED_CLOUDFORMATION_TYPE = /"Type"\s*:\s*"AWS::MediaConvert::/;

/** Whether moto cannot create this resource. */
export function isUnservedByMoto(type: string, body: Block): boolean {
  if (type.startsWith("aws_cloudfront_")) return !SERVED_CLOUDFRONT_TYPES.has(type);
  if (type.startsWith("aws_media_convert_")) return true;
  if (type.startsWith("aws_cloudwatch_log_delivery")) return true;
  if (type === "aws_cloudformation_stack") return UNSERVED_CLOUDFORMATION_TYPE.test(String(body.template_body ?? ""));
  return false;
}

/** What a reference to a left-out resource becomes, by the left-out resource's type. */
type StandIn = { readonly value: string } | "drop-attribute" | "drop-block";
const STAND_INS: Readonly<Record<string, StandIn>> = {
  aws_cloudfront_cache_policy: { value: MANAGED_CACHING_OPTIMIZED },
  aws_cloudfront_origin_request_policy: "drop-attribute",
  aws_cloudfront_response_headers_policy: "drop-attribute",
  aws_cloudfront_function: "drop-block",
};
/**
 * An ARN-shaped placeholder naming the left-out resource: its address, or a digest of a long one,
 * so the placeholder fits the 60-character names some attributes of left-out resources (which
 * Terraform still validates) allow.
 */
function placeholderFor(address: string): string {
  const name = address.length <= 36 ? address : `${address.slice(0, 23)}-${createHash("sha256").update(address).digest("hex").slice(0, 12)}`;
  return `arn:aws:moto-removed:::${name}`;
}
const standInFor = (type: string, address: string): StandIn => STAND_INS[type] ?? { value: placeholderFor(address) };

/** Keys never rewritten: metadata, and meta-arguments an override may not change. */
const UNTOUCHED_KEYS = new Set(["//", "depends_on", "provider", "lifecycle", "count", "for_each"]);

const DROP_ATTRIBUTE = Symbol("drop the attribute");
const DROP_ENCLOSING_BLOCK = Symbol("drop the enclosing block");
const DROPPED = Symbol("this block is dropped");
type Rewritten = unknown;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Rewrites references to left-out resources (address → type) inside `value`. */
function rewriter(removed: ReadonlyMap<string, string>): (value: unknown) => Rewritten {
  if (removed.size === 0) return (value) => value;
  const addresses = [...removed.keys()].map(escapeRegExp).join("|");
  const reference = new RegExp(`(?<![\\w.-])(${addresses})(?![\\w-])((?:\\.[A-Za-z_][\\w-]*|\\[[^\\]]*\\])*)`, "g");
  // `${ ... }`, allowing one level of braces inside (an object literal in a function call).
  const interpolation = /\$\{(?:[^{}]|\{[^{}]*\})*\}/g;

  const rewriteString = (text: string): Rewritten => {
    let signal: symbol | undefined;
    const result = text.replace(interpolation, (expression) =>
      expression.replace(reference, (_match, address: string) => {
        const standIn = standInFor(removed.get(address) as string, address);
        if (standIn === "drop-attribute") signal ??= DROP_ATTRIBUTE;
        else if (standIn === "drop-block") signal = DROP_ENCLOSING_BLOCK;
        else return JSON.stringify(standIn.value);
        return "null";
      }),
    );
    if (signal) return signal;
    // `${"literal"}` alone is just the literal.
    const whole = /^\$\{("(?:[^"\\]|\\.)*")\}$/.exec(result);
    return whole ? (JSON.parse(whole[1] as string) as string) : result;
  };

  const rewrite = (value: unknown): Rewritten => {
    if (typeof value === "string") return rewriteString(value);
    if (Array.isArray(value)) {
      const kept: unknown[] = [];
      for (const element of value) {
        const next = rewrite(element);
        if (next === DROPPED) continue;
        if (typeof next === "symbol") return next;
        kept.push(next);
      }
      return kept.length === 0 && value.length > 0 ? DROP_ATTRIBUTE : kept;
    }
    if (typeof value === "object" && value !== null) {
      const result: Block = {};
      for (const [key, child] of Object.entries(value)) {
        const next = UNTOUCHED_KEYS.has(key) ? child : rewrite(child);
        if (next === DROP_ENCLOSING_BLOCK) return DROPPED;
        if (next !== DROP_ATTRIBUTE && next !== DROPPED) result[key] = next;
      }
      return result;
    }
    return value;
  };
  return rewrite;
}

/** The top-level keys of `body` that `rewrite` changes, with their new values (`null`: unset). */
function changedKeys(address: string, body: Block, rewrite: (value: unknown) => Rewritten): Block {
  const changes: Block = {};
  for (const [key, value] of Object.entries(body)) {
    if (UNTOUCHED_KEYS.has(key)) continue;
    const next = rewrite(value);
    if (next === DROPPED || next === DROP_ENCLOSING_BLOCK) {
      throw new Error(`${address}.${key} refers to a resource moto cannot serve, and has no stand-in that keeps ${address}`);
    }
    if (next === DROP_ATTRIBUTE) changes[key] = null;
    else if (JSON.stringify(next) !== JSON.stringify(value)) changes[key] = next;
  }
  return changes;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const isRecord = (value: unknown): value is Block => typeof value === "object" && value !== null && !Array.isArray(value);

/** A Deny that applies when `aws:SecureTransport` is false, which moto reads as always. */
export function isTlsOnlyDeny(statement: unknown): boolean {
  return (
    isRecord(statement) &&
    statement.effect === "Deny" &&
    asArray(statement.condition).some((condition) => isRecord(condition) && condition.variable === "aws:SecureTransport")
  );
}

const LAMBDA_TARGET = /^(\$\{aws_lambda_(function|alias)\.[^}]+\}|arn:aws[a-z-]*:lambda:.*)$/;

/** An SQS queue name (80 characters at most, `[A-Za-z0-9_-]`) for the stand-in of a rule target. */
export function standInQueueName(targetName: string): string {
  return `moto-${targetName}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 80);
}

function entries(blocks: Record<string, Record<string, Block>> | undefined): [type: string, name: string, body: Block][] {
  return Object.entries(blocks ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => [type, name, body] as [string, string, Block]));
}

function put(config: TerraformConfig, kind: "resource" | "data", type: string, name: string, changes: Block): void {
  if (Object.keys(changes).length === 0) return;
  const byType = (config[kind] ??= {});
  const byName = (byType[type] ??= {});
  byName[name] = { ...byName[name], ...changes };
}

/** The override and stand-ins that make `stack` apply to moto at `options.endpoint`. */
export function motoOverride(stack: TerraformConfig, options: MotoOverrideOptions): MotoOverride {
  const override: TerraformConfig = {};
  const standIns: TerraformConfig = {};
  const removed = new Map<string, string>();
  const redirected: Record<string, string> = {};
  const resources = entries(stack.resource);

  for (const [type, name, body] of resources) {
    if (isUnservedByMoto(type, body)) removed.set(`${type}.${name}`, type);
  }

  for (const [, name, body] of entries(stack.data).filter(([type]) => type === "aws_iam_policy_document")) {
    const statements = asArray(body.statement);
    const kept = statements.filter((statement) => !isTlsOnlyDeny(statement));
    if (kept.length === statements.length) continue;
    if (kept.length > 0) {
      put(override, "data", "aws_iam_policy_document", name, { statement: kept });
      continue;
    }
    const whole = `\${data.aws_iam_policy_document.${name}.json}`;
    for (const [type, user, userBody] of resources) {
      if (userBody.policy === whole) removed.set(`${type}.${user}`, type);
    }
  }

  for (const [type, name, body] of resources) {
    const address = `${type}.${name}`;
    if (type !== "aws_cloudwatch_event_target" || removed.has(address) || !LAMBDA_TARGET.test(String(body.arn))) continue;
    const queue = standInQueueName(name);
    const provider = body.provider === undefined ? {} : { provider: body.provider };
    put(standIns, "resource", "aws_sqs_queue", queue, { ...provider, name: queue });
    put(override, "resource", type, name, { arn: `\${aws_sqs_queue.${queue}.arn}` });
    redirected[address] = `aws_sqs_queue.${queue}`;
  }

  const rewrite = rewriter(removed);
  for (const kind of ["resource", "data"] as const) {
    for (const [type, name, body] of entries(stack[kind])) {
      const address = kind === "data" ? `data.${type}.${name}` : `${type}.${name}`;
      const overridden = override[kind]?.[type]?.[name];
      put(override, kind, type, name, changedKeys(address, { ...body, ...overridden }, rewrite));
      if (removed.has(address)) put(override, kind, type, name, { count: 0 });
    }
  }
  for (const [name, body] of Object.entries(stack.output ?? {})) {
    const changes = changedKeys(`output.${name}`, body, rewrite);
    if (Object.keys(changes).length > 0) (override.output ??= {})[name] = changes;
  }

  const toMoto = { ...notAwsProviderSettings("moto", options.endpoint, options.services), s3_use_path_style: true };
  // An override may only change blocks that exist: a stack with no `provider "aws"` gets one as a new block.
  const hasProvider = (stack.provider?.aws ?? []).length > 0;
  (hasProvider ? override : standIns).provider = { aws: everyAwsProvider(providerAliases(stack), toMoto) };
  override.terraform = { backend: { local: { path: options.statePath } } };

  return { override, standIns, removed: [...removed.keys()].sort(), redirected };
}
