import { defineConfig } from "vitest/config";

// Under CI=true the JSON summary also goes to .cache/vitest.json, for .ci/run's closing line.
const ci = process.env.CI === "true" || process.env.CI === "1";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
    reporters: ci ? ["default", ["json", { outputFile: ".cache/vitest.json" }]] : ["default"],
  },
});
