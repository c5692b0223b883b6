import { defineConfig } from "@playwright/test";
import { scaled } from "./test/timeouts";

// Browser tests against a production build (`npm test` builds it and provides the database).
const port = Number(process.env.CHANGEGATE_E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  // In CI a spec that fails once is run once more; scripts/test.ts names every such flaky spec in the
  // run's last lines, so a retry hides nothing. Locally a failure is a failure.
  retries: process.env.CI ? 1 : 0,
  // CHANGEGATE_TEST_TIMEOUT_SCALE (test/timeouts.ts) stretches these and every explicit wait in a spec.
  timeout: scaled(60_000),
  expect: { timeout: scaled(15_000) },
  outputDir: "test-results/e2e-artifacts",
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${port}`,
    url: `http://localhost:${port}/signin`,
    reuseExistingServer: false,
    timeout: scaled(120_000),
    stdout: "ignore",
    stderr: "pipe",
  },
});
