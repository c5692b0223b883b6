// npm test — every suite, in order: unit, integration (real PostgreSQL, the AWS sandbox), end-to-end
// in Chromium against a production build, and several instances of that build on one database.
// Ends with one line "N passed, N failed".
import { mkdirSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadDotEnv, nextAuthSecret, ROOT } from "./lib/app-env";
import { buildIfStale } from "./lib/build";
import { ensureChromium } from "./lib/chromium";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "./lib/database";
import { bin, runToCompletion, startChild, stopChildren, waitForHttp } from "./lib/processes";
import { appProcessEnv, leastPrivilegeDatabase } from "./lib/portal-database";

loadDotEnv();
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
// `--only e2e e2e/x.spec.ts …` runs those specs only (with everything the e2e run starts).
const specs = process.argv.filter((a) => a.endsWith(".spec.ts"));
const RESULTS = path.join(ROOT, "test-results");
mkdirSync(RESULTS, { recursive: true });

interface Tally {
  suite: string;
  passed: number;
  failed: number;
  note?: string;
  /** What failed, by name, so the run's last lines say it (CI shows only the tail of the log). */
  failures?: string[];
  /** Specs that failed once and passed on their retry (CI only): counted as passed, always named. */
  flaky?: string[];
}
const tallies: Tally[] = [];

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites: number;
  testResults?: { name: string; status: string; message?: string; assertionResults?: { fullName: string; status: string }[] }[];
}

function vitestFailures(r: VitestReport): string[] {
  return (r.testResults ?? []).flatMap((file) => {
    const rel = path.relative(ROOT, file.name);
    const tests = (file.assertionResults ?? []).filter((a) => a.status === "failed").map((a) => `${rel} > ${a.fullName}`);
    return tests.length > 0 || file.status !== "failed" ? tests : [`${rel}: ${(file.message ?? "failed to load").split("\n")[0]}`];
  });
}

interface PlaywrightSuite {
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; file: string; tests: { status: string }[] }[];
}

function playwrightFailures(suites: PlaywrightSuite[]): { failed: string[]; flaky: string[] } {
  const failed: string[] = [];
  const flaky: string[] = [];
  const walk = (s: PlaywrightSuite) => {
    for (const spec of s.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status === "unexpected") failed.push(`${spec.file} > ${spec.title}`);
        if (t.status === "flaky") flaky.push(`${spec.file} > ${spec.title}`);
      }
    }
    (s.suites ?? []).forEach(walk);
  };
  suites.forEach(walk);
  return { failed, flaky };
}

function readVitest(file: string, suite: string, code: number): Tally {
  if (!existsSync(file)) return { suite, passed: 0, failed: 1, note: `no report (exit ${code})` };
  const r = JSON.parse(readFileSync(file, "utf8")) as VitestReport;
  // A file that fails to load has no failed tests but a failed suite: count it, never hide it.
  const failed = r.numFailedTests + (r.numFailedTests === 0 ? r.numFailedTestSuites : 0) + (code !== 0 && r.numFailedTests === 0 && r.numFailedTestSuites === 0 ? 1 : 0);
  return { suite, passed: r.numPassedTests, failed, failures: failed > 0 ? vitestFailures(r) : undefined, note: failed > 0 && r.numFailedTests === 0 && r.numFailedTestSuites === 0 ? `exit ${code}` : undefined };
}

async function vitest(project: "unit" | "integration" | "instances") {
  const out = path.join(RESULTS, `${project}.json`);
  const code = await runToCompletion(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], {
    ...process.env,
    CHANGEGATE_BCRYPT_COST: "4",
  });
  tallies.push(readVitest(out, project, code));
}

async function e2e() {
  let chromium: string;
  try {
    chromium = ensureChromium();
  } catch (e) {
    console.error((e as Error).message);
    tallies.push({ suite: "e2e", passed: 0, failed: 1, note: "no Chromium" });
    return;
  }
  const server = await startDatabaseServer();
  const name = process.env.CHANGEGATE_E2E_DB ?? "changegate_e2e";
  await dropDatabase(server, name);
  // As npm start: migrated by the owner role; the web server, the deploy worker (and the specs'
  // fixtures, which only write rows) connect as the app role, so the suite proves row rights suffice.
  const portal = await leastPrivilegeDatabase(await ensureDatabase(server, name));
  const port = Number(process.env.CHANGEGATE_E2E_PORT ?? 3100);
  const env: NodeJS.ProcessEnv = {
    ...appProcessEnv(portal, process.env),
    NEXTAUTH_SECRET: nextAuthSecret(),
    NEXTAUTH_URL: `http://localhost:${port}`,
    CHANGEGATE_E2E_PORT: String(port),
    CHROMIUM_PATH: chromium,
    CHANGEGATE_BCRYPT_COST: "4",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Deploy e2e: the AWS sandbox at a fast time scale (a 5-minute canary in seconds) and a deploy worker.
  const sandboxPort = Number(process.env.CHANGEGATE_E2E_SANDBOX_PORT ?? 4660);
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  Object.assign(env, { CHANGEGATE_AWS: "sandbox", CHANGEGATE_SANDBOX_URL: sandboxUrl, AWS_ENDPOINT_URL: sandboxUrl, AWS_ACCESS_KEY_ID: "sandbox", AWS_SECRET_ACCESS_KEY: "sandbox", AWS_REGION: "us-east-1" });
  startChild("AWS sandbox", bin("tsx"), ["lib/sandbox/cli.ts", "--port", String(sandboxPort), "--demo", "--scale", process.env.CHANGEGATE_E2E_TIME_SCALE ?? "60"], env, { quiet: true });
  // Single sign-on e2e: a certified OpenID provider (spec defaults: claims only from userinfo).
  const oidcPort = Number(process.env.CHANGEGATE_E2E_OIDC_PORT ?? 4680);
  Object.assign(env, { OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`, OIDC_CLIENT_ID: "changegate-e2e", OIDC_CLIENT_SECRET: "changegate-e2e-secret", OIDC_NAME: "Acme SSO", CHANGEGATE_E2E_OIDC_PORT: String(oidcPort) });
  startChild("OIDC provider", bin("tsx"), ["e2e/support/oidc-provider.ts", "--port", String(oidcPort), "--redirect", `http://localhost:${port}/api/auth/callback/oidc`], env, { quiet: true });
  // Notifications e2e: email to a local SMTP server, Slack to the fake Slack; the worker relays.
  const sinkPort = Number(process.env.CHANGEGATE_E2E_SINK_PORT ?? 4691);
  Object.assign(env, {
    SMTP_URL: `smtp://127.0.0.1:${sinkPort}`,
    CHANGEGATE_E2E_MAIL_URL: `http://127.0.0.1:${sinkPort + 1}/mail`,
    SLACK_API_URL: `http://127.0.0.1:${sinkPort + 2}/api/`,
    CHANGEGATE_E2E_SLACK_URL: `http://127.0.0.1:${sinkPort + 2}`,
    SLACK_BOT_TOKEN: "xoxb-e2e",
    SLACK_SIGNING_SECRET: "e2e-slack-signing-secret",
  });
  startChild("Notification sinks", bin("tsx"), ["e2e/support/notification-sinks.ts", "--smtp", String(sinkPort), "--mail", String(sinkPort + 1), "--slack", String(sinkPort + 2)], env, { quiet: true });
  await waitForHttp(`http://127.0.0.1:${sinkPort + 1}/mail`, 30_000);
  await waitForHttp(`${sandboxUrl}/_sandbox/health`, 30_000);
  startChild("Deploy worker", process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/deploy-worker.ts"], env, { quiet: true });
  await waitForHttp(`http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`, 30_000);
  await buildIfStale(env);
  const report = path.join(RESULTS, "e2e.json");
  const code = await runToCompletion(bin("playwright"), ["test", "--reporter=list,json", ...specs], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number }; suites: PlaywrightSuite[]; errors?: { message?: string }[] };
    const s = r.stats;
    const { failed, flaky } = playwrightFailures(r.suites);
    const errors = (r.errors ?? []).map((e) => `e2e: ${(e.message ?? "").split("\n")[0]}`);
    tallies.push({
      suite: "e2e",
      passed: s.expected + s.flaky,
      failed: s.unexpected + (code !== 0 && s.unexpected === 0 ? 1 : 0),
      failures: [...failed, ...errors],
      flaky,
      note: s.flaky > 0 ? `${s.flaky} passed only on a retry` : undefined,
    });
  } else {
    tallies.push({ suite: "e2e", passed: 0, failed: 1, note: `no report (exit ${code})` });
  }
  await stopChildren();
  await server.stop();
}

// Several instances on one database (test/instances): two web servers from the production build and
// two deploy workers, started by the test itself on its own database, sandbox and free ports.
async function instances() {
  try {
    await buildIfStale({ ...process.env, NEXTAUTH_SECRET: nextAuthSecret() });
  } catch (e) {
    console.error((e as Error).message);
    tallies.push({ suite: "instances", passed: 0, failed: 1, note: "no build" });
    return;
  }
  await vitest("instances");
}

// Static checks count as one test each: the type checker and the linter over the whole tree.
async function staticChecks() {
  for (const [suite, command, args] of [
    ["typecheck", bin("tsc"), ["--noEmit", "-p", "."]],
    ["lint", bin("eslint"), ["app", "components", "lib", "scripts", "prisma", "e2e", "test"]],
  ] as const) {
    const code = await runToCompletion(command, [...args], process.env);
    tallies.push({ suite, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
  }
}

const started = Date.now();
if (!only || only === "static") await staticChecks();
if (!only || only === "unit") await vitest("unit");
if (!only || only === "integration") await vitest("integration");
if (!only || only === "e2e") await e2e();
if (!only || only === "instances") await instances();

const passed = tallies.reduce((s, t) => s + t.passed, 0);
const failed = tallies.reduce((s, t) => s + t.failed, 0);
writeFileSync(path.join(RESULTS, "summary.json"), JSON.stringify({ passed, failed, tallies }, null, 2));
console.log("");
for (const t of tallies) {
  console.log(`  ${t.suite.padEnd(12)} ${t.passed} passed, ${t.failed} failed${t.note ? ` (${t.note})` : ""}`);
  for (const f of t.failures ?? []) console.log(`    failed: ${f}`);
  for (const f of t.flaky ?? []) console.log(`    flaky (passed on retry): ${f}`);
}
console.log(`  took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
