import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each handler test file starts its own moto_server; two files at a time suit a 2-core machine.
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // The built bundles are plain ESM for Node: load them natively rather than transform 1 MB files.
    server: { deps: { external: [/\/dist\/[^/]+\/index\.mjs$/] } },
  },
});
