/**
 * Trims a bundle's source map to our own code. Third-party code (the AWS SDK, zod, the logger)
 * is most of a bundle, and its mappings were over half of each zip; our code's frames are the
 * ones worth mapping, and third-party frames still point into the minified file.
 */
import { decode, encode, type SourceMapSegment } from "@jridgewell/sourcemap-codec";

export interface SourceMapV3 {
  version: 3;
  sources: string[];
  names: string[];
  mappings: string;
  sourcesContent?: (string | null)[];
  [key: string]: unknown;
}

const isThirdParty = (source: string): boolean => /(^|\/)node_modules\//.test(source);

export function firstPartySourceMap(map: SourceMapV3): SourceMapV3 {
  const sources: string[] = [];
  const names: string[] = [];
  const sourceIndex = new Map<number, number>();
  const nameIndex = new Map<number, number>();
  const keep = (old: number, from: string[], into: string[], index: Map<number, number>): number => {
    let kept = index.get(old);
    if (kept === undefined) {
      kept = into.push(from[old] ?? "") - 1;
      index.set(old, kept);
    }
    return kept;
  };

  const lines = decode(map.mappings).map((line) =>
    line.flatMap((segment): SourceMapSegment[] => {
      if (segment.length === 1 || isThirdParty(map.sources[segment[1]] ?? "")) return [];
      const source = keep(segment[1], map.sources, sources, sourceIndex);
      if (segment.length === 4) return [[segment[0], source, segment[2], segment[3]]];
      return [[segment[0], source, segment[2], segment[3], keep(segment[4], map.names, names, nameIndex)]];
    }),
  );
  const { sourcesContent: _dropped, ...rest } = map;
  return { ...rest, sources, names, mappings: encode(lines) };
}
