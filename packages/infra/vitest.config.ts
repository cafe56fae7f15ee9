import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Needs the synthesized stacks and moto_server: `pnpm test:on-moto`, after `pnpm synth`.
    exclude: ["test/on-moto/**"],
    // Synthesizing every stack and loading the CloudFormation specification take a few seconds each.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
