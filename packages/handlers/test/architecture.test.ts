import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const srcDir = fileURLToPath(new URL("../src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)].map((match) => match[1] ?? "");
const files = sourceFiles(srcDir).map((file) => ({ path: relative(srcDir, file), imports: importsOf(file) }));

describe("the shape of the handlers", () => {
  it("has its sources where this test looks", () => {
    expect(files.map((file) => file.path)).toEqual(
      expect.arrayContaining(["use-cases/upload-requests.ts", "adapters/s3-raw-upload-bucket.ts", "ports/upload-table.ts"]),
    );
  });

  it("keeps the AWS SDK in the adapters and in the functions that build them", () => {
    const offenders = files.filter(
      (file) => !/^(adapters|functions)\//.test(file.path) && file.imports.some((name) => name.startsWith("@aws-sdk/")),
    );
    expect(offenders.map((file) => file.path)).toEqual([]);
  });

  it("lets core, ports and use cases depend on no adapter and no HTTP shape", () => {
    const offenders = files.filter(
      (file) => /^(core|ports|use-cases)\//.test(file.path) && file.imports.some((name) => /\/(adapters|http|functions)\//.test(name)),
    );
    expect(offenders.map((file) => file.path)).toEqual([]);
  });
});
