import { defineConfig } from "vitest/config";

// The contracts package re-exports every schema from one index; only the ones the app uses
// should reach the bundle, and its modules do nothing when imported.
const SIDE_EFFECT_FREE = /\/packages\/shared-types\/src\//;

export default defineConfig({
  // Relative asset URLs: the same build works wherever WebBucket or the local front serves it.
  base: "./",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  // amazon-cognito-identity-js reaches its Buffer polyfill through Node's `global`.
  define: { global: "globalThis" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // hls.js is one lazy chunk of ~600 kB raw, loaded only when a player opens (see `bench`).
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      treeshake: { moduleSideEffects: (id) => !SIDE_EFFECT_FREE.test(id) },
      onwarn(warning, warn) {
        // zod places PURE annotations where Rollup cannot use them; harmless, and not ours to fix.
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("/node_modules/")) return;
        warn(warning);
      },
    },
  },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 20_000,
  },
});
