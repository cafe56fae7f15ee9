/**
 * Prints the compressed size of what the built app makes a browser download: the initial
 * JavaScript and CSS (entry script, its preloaded imports, stylesheets) and each chunk loaded
 * later (the sign-in library, fetched as the page starts; hls.js, fetched when a player opens).
 * Fails when the initial JavaScript passes its budget.
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const INITIAL_JS_BUDGET_BYTES = 100 * 1000;

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const html = readFileSync(`${dist}index.html`, "utf8");

const referenced = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => (match[1] ?? "").replace(/^\.?\//, ""));
const initialJs = new Set([
  ...referenced(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
  ...referenced(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
]);
const initialCss = new Set(referenced(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g));
const lazyJs = readdirSync(`${dist}assets`)
  .map((name) => `assets/${name}`)
  .filter((path) => path.endsWith(".js") && !initialJs.has(path));

interface Measured {
  readonly kind: string;
  readonly path: string;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

function measure(kind: string, path: string): Measured {
  const bytes = readFileSync(`${dist}${path}`);
  return {
    kind,
    path,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const rows = [
  ...[...initialJs].map((path) => measure("initial JS", path)),
  ...[...initialCss].map((path) => measure("initial CSS", path)),
  ...lazyJs.map((path) => measure("lazy JS", path)),
];
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const sum = (kind: string, key: "raw" | "gzip" | "brotli") =>
  rows.filter((row) => row.kind === kind).reduce((total, row) => total + row[key], 0);

console.log("web app bundle (gzip -9, brotli 11)");
for (const row of rows) {
  console.log(`  ${row.kind.padEnd(12)} ${row.path.padEnd(38)} raw ${kb(row.raw).padStart(9)}  gzip ${kb(row.gzip).padStart(8)}  brotli ${kb(row.brotli).padStart(8)}`);
}
const initialGzip = sum("initial JS", "gzip");
console.log(`  initial JS total: gzip ${kb(initialGzip)} (budget ${kb(INITIAL_JS_BUDGET_BYTES)}), brotli ${kb(sum("initial JS", "brotli"))}`);
console.log(`  initial CSS total: gzip ${kb(sum("initial CSS", "gzip"))}`);
console.log(`  lazy JS total (sign-in library, hls.js): gzip ${kb(sum("lazy JS", "gzip"))}`);

if (initialJs.size === 0) {
  console.error("No entry script found in dist/index.html: run the build first.");
  process.exit(1);
}
if (initialGzip > INITIAL_JS_BUDGET_BYTES) {
  console.error(`Initial JavaScript is over budget by ${kb(initialGzip - INITIAL_JS_BUDGET_BYTES)}.`);
  process.exit(1);
}
