import { defineConfig } from "vitest/config";
import { TEST_DATA_KEY } from "./test/support/data-key.ts";

// CI asks for machine-readable results too (VITEST_JSON=<file>), to report "N passed, N failed".
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Personal data is encrypted in every test, as in production; spawned bots inherit the key.
    env: { DATA_ENCRYPTION_KEY: TEST_DATA_KEY },
    reporters: json ? ["default", "json"] : ["default"],
    ...(json ? { outputFile: { json } } : {}),
  },
});
