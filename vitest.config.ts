import path from "node:path";
import { defineConfig } from "vitest/config";
import { scaled } from "./test/timeouts";

// Two projects: `unit` (pure, no I/O) and `integration` (real PostgreSQL, the AWS sandbox).
// scripts/test.ts starts the database and passes its URL in CHANGEGATE_TEST_DB_TEMPLATE_URL.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // lib/server modules start with `import "server-only"`, which throws outside Next's server build.
      "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts?(x)"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          // Property tests run thousands of cases; on a shared 2-core machine vitest's 5 s default
          // turns load into failures. Speed is the benchmarks' business, not a test's.
          testTimeout: scaled(30_000),
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ".data/**"],
          environment: "node",
          // CHANGEGATE_TEST_TIMEOUT_SCALE (test/timeouts.ts) stretches these and every wait in a test.
          testTimeout: scaled(60_000),
          hookTimeout: scaled(120_000),
          fileParallelism: true,
          maxWorkers: 2,
          globalSetup: ["./test/global-setup.ts"],
          setupFiles: ["./test/integration-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          // Web servers from the production build and deploy workers as separate processes on one
          // database: run by scripts/test.ts after the build (phase "instances").
          name: "instances",
          include: ["test/instances/**/*.test.ts"],
          environment: "node",
          testTimeout: scaled(60_000),
          hookTimeout: scaled(120_000),
          globalSetup: ["./test/global-setup.ts"],
          setupFiles: ["./test/integration-setup.ts"],
        },
      },
    ],
  },
});
