import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/**
 * MediaLive's API model as botocore ships it (botocore comes with moto on every machine of this
 * project): member names, enum values and numeric ranges exactly as CreateChannel checks them,
 * which neither the provider's schema nor `terraform validate` knows.
 */
interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  required?: string[];
  enum?: string[];
  min?: number;
  max?: number;
}

export function loadMediaLiveShapes(): Record<string, Shape> {
  const root = execFileSync("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"], {
    encoding: "utf8",
  }).trim();
  const serviceDir = join(root, "data", "medialive");
  const version = readdirSync(serviceDir).sort().at(-1)!;
  const model = JSON.parse(gunzipSync(readFileSync(join(serviceDir, version, "service-2.json.gz"))).toString("utf8"));
  return model.shapes as Record<string, Shape>;
}

/** botocore drops MediaLive's numeric ranges but keeps them in shape names (`__integerMin1000Max100000`). */
function rangeOf(shapeName: string, shape: Shape): { min?: number; max?: number } {
  const named = /^__(?:integer|long|double)(?:Min(\d+))?(?:Max(\d+))?$/.exec(shapeName);
  const min = shape.min ?? (named?.[1] === undefined ? undefined : Number(named[1]));
  const max = shape.max ?? (named?.[2] === undefined ? undefined : Number(named[2]));
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * Every way a provider-style (camelCase) value breaks the API shape `shapeName`, as "path: problem".
 * Member names map by capitalising the first letter (`gopSizeUnits` → `GopSizeUnits`).
 */
export function apiViolations(shapes: Record<string, Shape>, shapeName: string, value: unknown, path = "$"): string[] {
  const shape = shapes[shapeName];
  if (!shape) return [`${path}: unknown shape ${shapeName}`];
  if (value === undefined) return [];
  switch (shape.type) {
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${path}: expected an object`];
      const given = new Set(Object.entries(value).flatMap(([name, member]) => (member === undefined ? [] : [pascal(name)])));
      const missing = (shape.required ?? []).filter((name) => !given.has(name)).map((name) => `${path}.${name}: required`);
      return [
        ...missing,
        ...Object.entries(value).flatMap(([name, member]) => {
          const ref = shape.members?.[pascal(name)];
          return ref ? apiViolations(shapes, ref.shape, member, `${path}.${name}`) : [`${path}.${name}: not a member of ${shapeName}`];
        }),
      ];
    }
    case "list":
      if (!Array.isArray(value)) return [`${path}: expected a list`];
      return value.flatMap((item, index) => apiViolations(shapes, shape.member!.shape, item, `${path}[${index}]`));
    case "string":
      if (typeof value !== "string") return [`${path}: expected a string`];
      return shape.enum && !shape.enum.includes(value) ? [`${path}: ${value} is not one of ${shape.enum.join(", ")}`] : [];
    case "integer":
    case "long":
    case "double": {
      if (typeof value !== "number") return [`${path}: expected a number`];
      const { min, max } = rangeOf(shapeName, shape);
      if (min !== undefined && value < min) return [`${path}: ${value} is below ${min}`];
      if (max !== undefined && value > max) return [`${path}: ${value} is above ${max}`];
      return [];
    }
    default:
      return [];
  }
}
