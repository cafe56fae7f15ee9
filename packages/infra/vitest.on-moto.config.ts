import { defineConfig } from "vitest/config";

/** The synthesized dev stack applied to moto_server (`pnpm test:on-moto`, after `pnpm synth`). */
export default defineConfig({
  test: {
    include: ["test/on-moto/**/*.test.ts"],
    testTimeout: 30_000,
    // The apply itself: about a minute, most of it the provider's own waits.
    hookTimeout: 240_000,
  },
});
