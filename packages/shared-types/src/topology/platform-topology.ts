import { FUNCTION_NAMES, type FunctionName } from "../environment.js";
import { PLATFORM_EVENT_RULES, type EventRule } from "./event-rules.js";
import { PLATFORM_FUNCTIONS, type PlatformFunctions } from "./functions.js";
import { API_PATH_PREFIX, PLATFORM_APIS, apiPathPrefixesOf, type ApiName, type PlatformApis } from "./http-apis.js";
import { PLATFORM_BUCKETS, type PlatformBuckets } from "./storage.js";
import { STATUS_TABLE, keyUsesOf, type TableDefinition } from "./status-table.js";

/**
 * The platform as data: its functions, what invokes them (event rules and API routes), its
 * buckets and its status table. Infra renders it into Terraform; the local platform renders it
 * into emulated resources, function processes, an event pump and API fronts.
 */
export interface PlatformTopology {
  readonly functions: PlatformFunctions;
  readonly eventRules: readonly EventRule[];
  readonly apis: PlatformApis;
  readonly buckets: PlatformBuckets;
  readonly statusTable: TableDefinition;
}

export const PLATFORM_TOPOLOGY: PlatformTopology = {
  functions: PLATFORM_FUNCTIONS,
  eventRules: PLATFORM_EVENT_RULES,
  apis: PLATFORM_APIS,
  buckets: PLATFORM_BUCKETS,
  statusTable: STATUS_TABLE,
};

/** What invokes a function: a rule, or a route of an API. */
export type FunctionTrigger =
  | { readonly kind: "rule"; readonly rule: string }
  | { readonly kind: "route"; readonly api: ApiName; readonly routeKey: string };

export function functionTriggers(topology: PlatformTopology, name: FunctionName): FunctionTrigger[] {
  const rules = topology.eventRules
    .filter((rule) => rule.targets.includes(name))
    .map((rule): FunctionTrigger => ({ kind: "rule", rule: rule.name }));
  const routes = Object.entries(topology.apis).flatMap(([api, definition]) =>
    Object.values(definition.routes)
      .filter((route) => route.function === name)
      .map((route): FunctionTrigger => ({ kind: "route", api: api as ApiName, routeKey: route.routeKey })),
  );
  return [...rules, ...routes];
}

export class TopologyError extends Error {
  override readonly name = "TopologyError";
}

const RULE_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const ROUTE_KEY = /^(GET|HEAD|POST|PUT|PATCH|DELETE) \/[A-Za-z0-9._~{}/-]*$/;

function ruleProblems(topology: PlatformTopology): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const rule of topology.eventRules) {
    if (!RULE_NAME.test(rule.name)) problems.push(`rule "${rule.name}": name must be 1-40 lower-case letters, digits or dashes`);
    if (seen.has(rule.name)) problems.push(`rule "${rule.name}": defined twice`);
    seen.add(rule.name);
    if (rule.targets.length === 0) problems.push(`rule "${rule.name}": has no target`);
    if (new Set(rule.targets).size !== rule.targets.length) problems.push(`rule "${rule.name}": names a target twice`);
    for (const target of rule.targets) {
      if (!(target in topology.functions)) problems.push(`rule "${rule.name}": target ${target} is not a function of the platform`);
    }
  }
  return problems;
}

function routeProblems(topology: PlatformTopology): string[] {
  const problems: string[] = [];
  const prefixOwners = new Map<string, string>();
  for (const [api, definition] of Object.entries(topology.apis)) {
    for (const prefix of apiPathPrefixesOf(definition)) {
      const other = prefixOwners.get(prefix);
      if (other !== undefined) problems.push(`${api}: path prefix ${prefix} is also ${other}'s, so the distribution could not tell them apart`);
      prefixOwners.set(prefix, api);
    }
    const keys = new Set<string>();
    for (const [name, route] of Object.entries(definition.routes)) {
      if (!ROUTE_KEY.test(route.routeKey)) problems.push(`${api} route ${name}: "${route.routeKey}" is not a route key (METHOD /path)`);
      const path = route.routeKey.split(" ")[1] ?? "";
      if (!path.startsWith(`${API_PATH_PREFIX}/`)) problems.push(`${api} route ${name}: "${route.routeKey}" is not under ${API_PATH_PREFIX}/`);
      if (keys.has(route.routeKey)) problems.push(`${api} route ${name}: "${route.routeKey}" is served twice`);
      keys.add(route.routeKey);
      if (!(route.function in topology.functions)) problems.push(`${api} route ${name}: ${route.function} is not a function of the platform`);
    }
  }
  return problems;
}

function tableProblems(table: TableDefinition): string[] {
  const types = new Map<string, string>();
  const problems: string[] = [];
  for (const key of keyUsesOf(table)) {
    const known = types.get(key.name);
    if (known !== undefined && known !== key.type) problems.push(`status table: key ${key.name} is both ${known} and ${key.type}`);
    types.set(key.name, key.type);
  }
  if (table.timeToLiveAttribute !== undefined && types.has(table.timeToLiveAttribute)) {
    problems.push(`status table: the time-to-live attribute ${table.timeToLiveAttribute} cannot also be a key`);
  }
  return problems;
}

/**
 * Checks that the topology hangs together before anything renders it: every rule and route names
 * a function that exists, no rule or route key is there twice, every function is invoked by
 * something, keys agree on their types. Throws a `TopologyError` naming every problem.
 */
export function checkTopology(topology: PlatformTopology): void {
  const problems = [...ruleProblems(topology), ...routeProblems(topology), ...tableProblems(topology.statusTable)];
  for (const name of FUNCTION_NAMES) {
    if (functionTriggers(topology, name).length === 0) problems.push(`function ${name}: no rule or route invokes it`);
  }
  if (problems.length > 0) throw new TopologyError(`the platform topology is inconsistent: ${problems.join("; ")}`);
}
