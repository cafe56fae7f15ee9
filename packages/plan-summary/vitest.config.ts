import { defineConfig } from "vitest/config";

// The CLI tests start the command through tsx; on a busy two-core machine that can take longer
// than vitest's default five seconds.
export default defineConfig({
  test: {
    testTimeout: 30_000,
  },
});
