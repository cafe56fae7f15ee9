/**
 * Bundles each Lambda function with esbuild into `dist/<artifact>/index.mjs` (+ source map) and
 * packs both into `dist/<artifact>.zip`. The zip is byte-for-byte reproducible (fixed timestamps
 * and modes, sorted entries), so Terraform's hash of it changes only when the code does.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { zipSync, type ZipOptions, type Zippable } from "fflate";
import { FUNCTION_ARTIFACTS } from "@video-platform/shared-types";
import { firstPartySourceMap, type SourceMapV3 } from "./first-party-source-map.js";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const distDir = join(packageRoot, "dist");

/** The Lambda runtime the functions run on (nodejs22.x). */
const LAMBDA_NODE_TARGET = "node22";

/** Any fixed instant will do; it is read as local time, so it encodes the same on every machine. */
const FIXED_ZIP_TIME = new Date(2020, 0, 1, 0, 0, 0);
/** A regular file, rw-r--r--, recorded as made on Unix so Lambda extracts it readable. */
const ZIP_FILE_ATTRIBUTES: ZipOptions = { os: 3, attrs: (0o100644 << 16) >>> 0, mtime: FIXED_ZIP_TIME, level: 9 };

/**
 * Bundles every function in one esbuild run: each entry point still gets a bundle of its own (no
 * code splitting), but the AWS SDK and the shared code are parsed once for all of them.
 */
async function bundleAll(artifacts: readonly string[]): Promise<void> {
  await build({
    entryPoints: Object.fromEntries(artifacts.map((artifact) => [`${artifact}/index`, join(packageRoot, "src", "functions", `${artifact}.ts`)])),
    outdir: distDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: LAMBDA_NODE_TARGET,
    minify: true,
    sourcemap: "external",
    // File names and lines are what a stack trace needs; embedded sources would triple the zip.
    sourcesContent: false,
    // The SDK's ES module builds tree-shake better than its CommonJS ones.
    mainFields: ["module", "main"],
    logLevel: "warning",
  });
}

/** Trims the bundle's source map to our own code and packs both files into `dist/<artifact>.zip`. */
async function pack(artifact: string): Promise<void> {
  const outDir = join(distDir, artifact);
  const mapFile = join(outDir, "index.mjs.map");
  const map = JSON.parse(await readFile(mapFile, "utf8")) as SourceMapV3;
  await writeFile(mapFile, JSON.stringify(firstPartySourceMap(map)));

  const files = ["index.mjs", "index.mjs.map"].sort();
  const entries: Zippable = {};
  for (const name of files) entries[name] = [await readFile(join(outDir, name)), ZIP_FILE_ATTRIBUTES];
  await writeFile(join(distDir, `${artifact}.zip`), zipSync(entries));
}

await rm(distDir, { recursive: true, force: true });
await mkdir(distDir, { recursive: true });
const artifacts = Object.values(FUNCTION_ARTIFACTS).sort();
await bundleAll(artifacts);
for (const artifact of artifacts) {
  await pack(artifact);
  console.log(`built dist/${artifact}.zip`);
}
