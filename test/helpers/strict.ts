// Whether the tests run under .ci/run (ARMLET_CI=1), where every test must run. Kept free of
// vitest so that tools outside the test runner (bench/boot.mjs) can load the lab helpers.
export const STRICT = process.env.ARMLET_CI === "1";
