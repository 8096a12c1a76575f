import { defineConfig } from "vitest/config";

// Under CI (.ci/run) the JSON summary also goes to .cache/vitest.json, for .ci/run's closing line.
const ci = process.env.ARMLET_CI === "1" || process.env.CI === "true" || process.env.CI === "1";
// *.long.test.ts are the long matrices: only `npm run test:long` (ARMLET_LONG=1) collects them,
// so the default run has nothing that skips by design.
const long = process.env.ARMLET_LONG === "1" || process.env.ARMLET_LONG === "true";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: long ? ["**/node_modules/**"] : ["**/node_modules/**", "test/**/*.long.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
    reporters: ci ? ["default", ["json", { outputFile: ".cache/vitest.json" }]] : ["default"],
  },
});
