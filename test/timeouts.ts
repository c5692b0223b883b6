// One setting for every wait in the integration and e2e suites: CHANGEGATE_TEST_TIMEOUT_SCALE
// (default 1) multiplies each timeout — vitest's and Playwright's, and every explicit wait in a test.
// A loaded machine (CI neighbours, two CPU-bound processes) makes things slower, not wrong: raise
// the scale there and the same conditions are waited on for longer. Only waits scale; what a test
// asserts about speed relative to something else (a wake-up before a poll) does not.
// Plain module, no imports: vitest.config.ts and playwright.config.ts load it too.

function readScale(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 1;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`CHANGEGATE_TEST_TIMEOUT_SCALE must be a positive number, got '${raw}'.`);
  return n;
}

export const TIMEOUT_SCALE = readScale(process.env.CHANGEGATE_TEST_TIMEOUT_SCALE);

/** A timeout in ms, scaled by CHANGEGATE_TEST_TIMEOUT_SCALE. */
export function scaled(ms: number): number {
  return Math.round(ms * TIMEOUT_SCALE);
}
