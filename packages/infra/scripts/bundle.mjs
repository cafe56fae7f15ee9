// Bundles the app into one ESM file so that synth starts in plain Node, without a TypeScript
// loader (tsx alone costs more start-up time than the whole synth). Infra's own code only:
// handler bundles are built by the handlers package, never here.
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/synth.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  logLevel: "warning",
  legalComments: "none",
  // cdktf and the provider bindings are CommonJS and call require() at run time.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
});
