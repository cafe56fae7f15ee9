/**
 * MediaConvert's REST-JSON wire format names every member like the SDK does but with a
 * lower-case first letter (`outputGroups` for `OutputGroups`); we checked every `jsonName` in
 * @aws-sdk/client-mediaconvert's schema against that rule. Map members hold names the user chose
 * (`"Audio Selector 1"`, metadata keys) and are copied as they are.
 */
const MAP_MEMBERS = new Set([
  "audioSelectors",
  "audioSelectorGroups",
  "captionSelectors",
  "dynamicAudioSelectors",
  "userMetadata",
  "tags",
]);

type Rename = (key: string) => string;

const lowerFirst: Rename = (key) => key.charAt(0).toLowerCase() + key.slice(1);
const upperFirst: Rename = (key) => key.charAt(0).toUpperCase() + key.slice(1);

function convert(value: unknown, rename: Rename, mapWhen: (wireKey: string) => boolean, keepKeys = false): unknown {
  if (value instanceof Date) return value.getTime() / 1000; // timestamps travel as epoch seconds
  if (Array.isArray(value)) return value.map((item) => convert(item, rename, mapWhen));
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const renamed = keepKeys ? key : rename(key);
    const wireKey = keepKeys ? key : lowerFirst(key);
    result[renamed] = keepKeys
      ? convert(member, rename, mapWhen)
      : convert(member, rename, mapWhen, mapWhen(wireKey));
  }
  return result;
}

/** Wire JSON (`{ outputGroups: [...] }`) to the SDK's shape (`{ OutputGroups: [...] }`). */
export function fromWireJson<T>(wire: unknown): T {
  return convert(wire, upperFirst, (key) => MAP_MEMBERS.has(key)) as T;
}

/** The SDK's shape to wire JSON, for what the stand-in answers. */
export function toWireJson(value: unknown): unknown {
  return convert(value, lowerFirst, (key) => MAP_MEMBERS.has(key));
}
