import { decode, encode } from "@jridgewell/sourcemap-codec";
import { describe, expect, it } from "vitest";
import { firstPartySourceMap } from "../scripts/first-party-source-map.js";

describe("firstPartySourceMap", () => {
  it("keeps the mappings of our sources and drops those into node_modules", () => {
    const map = {
      version: 3 as const,
      sources: ["../../node_modules/zod/index.js", "../../src/core/a.ts", "../../../shared-types/src/b.ts"],
      names: ["zodThing", "ourThing", "sharedThing"],
      sourcesContent: ["z", "a", "b"],
      mappings: encode([
        [
          [0, 0, 1, 0, 0],
          [10, 1, 5, 2, 1],
          [20, 2, 7, 0],
        ],
        [[0], [4, 0, 9, 9]],
      ]),
    };
    const trimmed = firstPartySourceMap(map);
    expect(trimmed.sources).toEqual(["../../src/core/a.ts", "../../../shared-types/src/b.ts"]);
    expect(trimmed.names).toEqual(["ourThing"]);
    expect(trimmed.sourcesContent).toBeUndefined();
    expect(decode(trimmed.mappings)).toEqual([
      [
        [10, 0, 5, 2, 0],
        [20, 1, 7, 0],
      ],
      [],
    ]);
  });
});
