import os from "node:os";
import { defineConfig } from "vitest/config";

// Most of a test's time is spent waiting for child processes (git, hs, bwrap, a pty), not in the worker
// itself, so one fork per core keeps a 2-core machine busy where vitest's default (cores - 1) would run one
// file at a time. HS_TEST_FORKS overrides it (1 for a strictly serial run).
const forks = Number(process.env.HS_TEST_FORKS) || Math.max(2, os.availableParallelism());

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/yield-between-tests.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: forks, minForks: 1 } },
    reporters: ["default", "json"],
    outputFile: { json: "test-report.json" },
  },
});
