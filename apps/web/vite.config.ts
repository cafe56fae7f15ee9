import { defineConfig } from "vitest/config";

// The contracts package re-exports every schema from one index; only the ones the app uses
// should reach the bundle, and its modules do nothing when imported.
const SIDE_EFFECT_FREE = /\/packages\/shared-types\/src\//;

export default defineConfig({
  // Relative asset URLs: the same build works wherever WebBucket or the local front serves it.
  base: "./",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      treeshake: { moduleSideEffects: (id) => !SIDE_EFFECT_FREE.test(id) },
    },
  },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 20_000,
  },
});
