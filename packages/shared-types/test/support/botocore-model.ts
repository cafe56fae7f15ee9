import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/**
 * AWS API models as botocore ships them (botocore comes with moto on every machine of this
 * project). They carry what the SDKs' TypeScript types do not: enum values, numeric ranges,
 * string lengths and required members, exactly as the service defines them.
 */
interface ShapeRef {
  shape: string;
}
interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
}
export interface ApiModel {
  shapes: Record<string, Shape>;
  operations: Record<string, { input?: ShapeRef }>;
}

export function loadBotocoreModel(service: string, apiVersion: string): ApiModel {
  const root = execFileSync("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"], {
    encoding: "utf8",
  }).trim();
  const file = join(root, "data", service, apiVersion, "service-2.json.gz");
  return JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as ApiModel;
}

/** Every way `value` breaks the model's `shapeName`, as "path: problem" lines. */
export function violations(model: ApiModel, shapeName: string, value: unknown, path = "$"): string[] {
  const shape = model.shapes[shapeName];
  if (!shape) return [`${path}: unknown shape ${shapeName}`];
  switch (shape.type) {
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${path}: expected an object`];
      const record = value as Record<string, unknown>;
      const problems: string[] = [];
      for (const required of shape.required ?? []) {
        if (record[required] === undefined) problems.push(`${path}.${required}: required`);
      }
      for (const [name, member] of Object.entries(record)) {
        const ref = shape.members?.[name];
        if (!ref) problems.push(`${path}.${name}: not a member of ${shapeName}`);
        else if (member !== undefined) problems.push(...violations(model, ref.shape, member, `${path}.${name}`));
      }
      return problems;
    }
    case "list": {
      if (!Array.isArray(value)) return [`${path}: expected a list`];
      const problems = lengthProblems(shape, value.length, path);
      value.forEach((item, index) => problems.push(...violations(model, shape.member!.shape, item, `${path}[${index}]`)));
      return problems;
    }
    case "map": {
      if (typeof value !== "object" || value === null) return [`${path}: expected a map`];
      return Object.entries(value).flatMap(([key, item]) => [
        ...violations(model, shape.key!.shape, key, `${path}{${key}}`),
        ...violations(model, shape.value!.shape, item, `${path}.${key}`),
      ]);
    }
    case "string": {
      if (typeof value !== "string") return [`${path}: expected a string`];
      if (shape.enum && !shape.enum.includes(value)) return [`${path}: ${value} is not one of ${shape.enum.join(", ")}`];
      if (shape.pattern && !new RegExp(shape.pattern).test(value)) return [`${path}: ${value} does not match ${shape.pattern}`];
      return lengthProblems(shape, value.length, path);
    }
    case "integer":
    case "long":
      if (!Number.isInteger(value)) return [`${path}: expected an integer`];
      return rangeProblems(shape, value as number, path);
    case "double":
    case "float":
      if (typeof value !== "number") return [`${path}: expected a number`];
      return rangeProblems(shape, value, path);
    case "boolean":
      return typeof value === "boolean" ? [] : [`${path}: expected a boolean`];
    default:
      return [];
  }
}

function rangeProblems(shape: Shape, value: number, path: string): string[] {
  if (shape.min !== undefined && value < shape.min) return [`${path}: ${value} is below ${shape.min}`];
  if (shape.max !== undefined && value > shape.max) return [`${path}: ${value} is above ${shape.max}`];
  return [];
}

function lengthProblems(shape: Shape, length: number, path: string): string[] {
  if (shape.min !== undefined && length < shape.min) return [`${path}: length ${length} is below ${shape.min}`];
  if (shape.max !== undefined && length > shape.max) return [`${path}: length ${length} is above ${shape.max}`];
  return [];
}

/** The shape of one member of an operation's input, e.g. CreateJobTemplate's `Settings`. */
export function inputMemberShape(model: ApiModel, operation: string, member: string): string {
  const input = model.operations[operation]?.input?.shape;
  const ref = input ? model.shapes[input]?.members?.[member] : undefined;
  if (!ref) throw new Error(`${operation} has no input member ${member}`);
  return ref.shape;
}
