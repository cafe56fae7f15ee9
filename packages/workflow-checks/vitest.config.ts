import { defineConfig } from "vitest/config";

// The checks start action-validator and shellcheck processes; on a busy two-core machine
// that takes longer than vitest's defaults allow.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
