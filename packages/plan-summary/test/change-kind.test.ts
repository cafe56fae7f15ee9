import { describe, expect, it } from "vitest";
import { changeKindOf } from "../src/index.js";

describe("changeKindOf", () => {
  it("reads delete and create in either order as a replacement", () => {
    expect(changeKindOf(["delete", "create"], false)).toBe("replace");
    expect(changeKindOf(["create", "delete"], false)).toBe("replace");
  });

  it("names single actions", () => {
    expect(changeKindOf(["create"], false)).toBe("create");
    expect(changeKindOf(["update"], false)).toBe("update");
    expect(changeKindOf(["delete"], false)).toBe("destroy");
    expect(changeKindOf(["forget"], false)).toBe("forget");
  });

  it("counts a no-op import as an import, and nothing else that changes nothing", () => {
    expect(changeKindOf(["no-op"], true)).toBe("import");
    expect(changeKindOf(["no-op"], false)).toBeUndefined();
    expect(changeKindOf(["read"], false)).toBeUndefined();
  });
});
