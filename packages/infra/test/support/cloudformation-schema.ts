/**
 * Checks CloudFormation resources offline against the AWS service specification that
 * `@aws-cdk/aws-service-spec` ships (built from the CloudFormation registry schemas of every
 * resource type): unknown property names, wrong nesting or value types, missing required
 * properties, and `Fn::GetAtt` of attributes a type does not have. Generic over resource types,
 * so `AWS::MediaLive::Input` and `AWS::MediaPackage::OriginEndpoint` bodies are checked the same way.
 */
import { loadAwsServiceSpecSync } from "@aws-cdk/aws-service-spec";
import { RichProperty, type Property, type PropertyType, type Resource, type SpecDatabase } from "@aws-cdk/service-spec-types";

let database: SpecDatabase | undefined;

/** The specification, loaded once per test process (about a second). */
function spec(): SpecDatabase {
  database ??= loadAwsServiceSpecSync();
  return database;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `{ "Ref": ... }` or `{ "Fn::...": ... }`: resolved by CloudFormation, so any type is possible. */
function isIntrinsic(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === "Ref" || (keys[0]?.startsWith("Fn::") ?? false));
}

export function resourceSpec(resourceType: string): Resource | undefined {
  const found = spec().lookup("resource", "cloudFormationType", "equals", resourceType);
  return found.length === 1 ? found[0] : undefined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

function validateObject(path: string, value: unknown, properties: Readonly<Record<string, Property>>): string[] {
  if (isIntrinsic(value)) return [];
  if (!isPlainObject(value)) return [`${path}: expected an object, got ${describe(value)}`];
  const errors: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && !(name in value)) errors.push(`${path}.${name}: required property missing`);
  }
  for (const [name, child] of Object.entries(value)) {
    const property = properties[name];
    if (property === undefined) {
      errors.push(`${path}.${name}: not a property here (known: ${Object.keys(properties).sort().join(", ")})`);
      continue;
    }
    errors.push(...validateAgainstAny(`${path}.${name}`, child, new RichProperty(property).types()));
  }
  return errors;
}

/** A value may match any of a property's current or previous types; report the closest miss. */
function validateAgainstAny(path: string, value: unknown, types: readonly PropertyType[]): string[] {
  let closest: string[] | undefined;
  for (const type of types) {
    const errors = validateType(path, value, type);
    if (errors.length === 0) return [];
    if (closest === undefined || errors.length < closest.length) closest = errors;
  }
  return closest ?? [];
}

function validateType(path: string, value: unknown, type: PropertyType): string[] {
  if (isIntrinsic(value)) return [];
  const mismatch = (expected: string) => [`${path}: expected ${expected}, got ${describe(value)}`];
  switch (type.type) {
    case "string":
      if (typeof value !== "string") return mismatch("a string");
      if (type.allowedValues && !type.allowedValues.includes(value)) {
        return [`${path}: ${JSON.stringify(value)} is not one of ${type.allowedValues.join(", ")}`];
      }
      return [];
    case "date-time":
      return typeof value === "string" ? [] : mismatch("a date-time string");
    case "number":
      return typeof value === "number" || (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)))
        ? []
        : mismatch("a number");
    case "integer":
      return Number.isInteger(typeof value === "string" ? Number(value) : value) ? [] : mismatch("an integer");
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false" ? [] : mismatch("a boolean");
    case "null":
      return value === null ? [] : mismatch("null");
    case "json":
      return isPlainObject(value) || Array.isArray(value) || typeof value === "string" ? [] : mismatch("JSON");
    case "tag":
      return isPlainObject(value) && typeof value.Key === "string" && typeof value.Value === "string"
        ? []
        : mismatch("a tag { Key, Value }");
    case "array":
      if (!Array.isArray(value)) return mismatch("an array");
      return value.flatMap((element, index) => validateType(`${path}[${index}]`, element, type.element));
    case "map":
      if (!isPlainObject(value)) return mismatch("a map");
      return Object.entries(value).flatMap(([key, element]) => validateType(`${path}.${key}`, element, type.element));
    case "union":
      return validateAgainstAny(path, value, type.types);
    case "ref": {
      const definition = spec().get("typeDefinition", type.reference);
      return validateObject(`${path}<${definition.name}>`, value, definition.properties);
    }
  }
}

/** Errors in `properties` for a resource of `resourceType`; empty when valid. */
export function validateResourceProperties(resourceType: string, properties: unknown): string[] {
  const resource = resourceSpec(resourceType);
  if (resource === undefined) return [`${resourceType}: not a CloudFormation resource type`];
  return validateObject(resourceType, properties, resource.properties);
}

interface TemplateShape {
  AWSTemplateFormatVersion?: unknown;
  Resources?: Record<string, { Type?: unknown; Properties?: unknown }>;
  Outputs?: Record<string, { Value?: unknown }>;
}

/** Errors in a whole template: each resource's properties, and each `Fn::GetAtt` in the outputs. */
export function validateTemplate(template: unknown): string[] {
  if (!isPlainObject(template)) return ["template: expected an object"];
  const { AWSTemplateFormatVersion, Resources, Outputs } = template as TemplateShape;
  const errors: string[] = [];
  if (AWSTemplateFormatVersion !== undefined && AWSTemplateFormatVersion !== "2010-09-09") {
    errors.push(`AWSTemplateFormatVersion: must be "2010-09-09"`);
  }
  if (!isPlainObject(Resources) || Object.keys(Resources).length === 0) return [...errors, "Resources: at least one is required"];

  for (const [logicalId, resource] of Object.entries(Resources)) {
    if (typeof resource.Type !== "string") {
      errors.push(`Resources.${logicalId}.Type: required`);
      continue;
    }
    errors.push(...validateResourceProperties(resource.Type, resource.Properties ?? {}).map((error) => `Resources.${logicalId}: ${error}`));
  }

  for (const [name, output] of Object.entries(Outputs ?? {})) {
    const value = output.Value;
    if (value === undefined) errors.push(`Outputs.${name}.Value: required`);
    if (isPlainObject(value) && "Ref" in value && !(String(value.Ref) in Resources)) {
      errors.push(`Outputs.${name}: Ref to unknown resource ${String(value.Ref)}`);
    }
    if (isPlainObject(value) && Array.isArray(value["Fn::GetAtt"])) {
      const [logicalId, attribute] = value["Fn::GetAtt"] as [string, string];
      const type = Resources[logicalId]?.Type;
      const attributes = typeof type === "string" ? resourceSpec(type)?.attributes : undefined;
      if (attributes === undefined) errors.push(`Outputs.${name}: Fn::GetAtt on unknown resource ${logicalId}`);
      else if (!(attribute in attributes)) errors.push(`Outputs.${name}: ${String(type)} has no attribute ${attribute}`);
    }
  }
  return errors;
}
