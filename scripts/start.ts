// npm start — everything the portal needs, in one command: embedded PostgreSQL (unless DATABASE_URL
// is set), migrations, demo data, the AWS sandbox (unless real AWS credentials are configured), a
// production build, and the portal on http://localhost:3000.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadDotEnv, nextAuthSecret, ROOT } from "./lib/app-env";
import { buildIfStale } from "./lib/build";
import { startDatabaseServer, type DatabaseServer } from "./lib/database";
import { failOnSetupError } from "./lib/named-database";
import { appProcessEnv, preparePortalDatabase } from "./lib/portal-database";
import { bin, portInUse, startChild, stopChildren, superviseChild, waitForHttp } from "./lib/processes";
import { DEMO_PASSWORD } from "@/prisma/factories";
import { DEMO_USERS } from "@/prisma/demo-data";
import { HISTORY_DAYS } from "@/prisma/seed-history-plan";

loadDotEnv();
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const sandboxPort = Number(process.env.CHANGEGATE_SANDBOX_PORT ?? 4566);

if (await portInUse(port)) {
  console.error(`Port ${port} is already in use. Stop whatever runs there, or start with PORT=<another port> npm start.`);
  process.exit(1);
}

// Stopping, from the first moment: SIGINT (Ctrl+C, or `kill -INT` to npm, which passes it on) or
// SIGTERM stops what uses the database (the web app, the deploy worker) first, then the rest, then
// the embedded PostgreSQL. Repeated signals (a terminal's Ctrl+C reaches npm and this process, and
// npm passes its copy on) do not cut that short.
let server: DatabaseServer | undefined;
let stopping: Promise<void> | undefined;
function shutdown(why: string) {
  stopping ??= (async () => {
    console.log(`\nStopping Changegate (${why}) …`);
    await stopChildren(["Next.js", "Deploy worker"]);
    await stopChildren();
    await server?.stop();
    console.log("Stopped.");
    process.exit(0);
  })();
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => shutdown(signal));
// npm killed outright (SIGKILL) cannot pass anything on: this process is then re-parented.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) shutdown("its parent process is gone");
}, 1000).unref();

server = await startDatabaseServer(console.log, { stopsItself: true });
// Migrations as the owner role; the web app, the deploy worker and the demo seed as the app role.
const portal = await preparePortalDatabase(server).catch(failOnSetupError);
console.log(portal.leastPrivilege ? "Migrations applied; the portal connects as a role with row rights only." : "Migrations applied.");
const useSandbox = process.env.CHANGEGATE_AWS === "sandbox" || !(process.env.AWS_ACCESS_KEY_ID || process.env.AWS_PROFILE);
const env: NodeJS.ProcessEnv = {
  ...appProcessEnv(portal, process.env),
  NEXTAUTH_SECRET: nextAuthSecret(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(port),
};
const timeScale = process.env.CHANGEGATE_TIME_SCALE ?? "1";
// The seed runs as the app role, as the portal does: the grants suffice.
if (useSandbox) Object.assign(process.env, { DATABASE_URL: portal.appUrl });
// An empty database gets a new demo: a fresh sandbox whose clock starts where the demo's delivery
// history begins, so the seed can make that history through the orchestrator (prisma/seed-history.ts).
const seeding = useSandbox && (await (await import("@/lib/db")).db.user.count()) === 0;
if (useSandbox) {
  if (await portInUse(sandboxPort)) {
    console.error(`Port ${sandboxPort} (AWS sandbox) is in use. Set CHANGEGATE_SANDBOX_PORT to another port.`);
    process.exit(1);
  }
  const sandboxState = path.join(ROOT, ".data", "sandbox.json");
  if (seeding) await rm(sandboxState, { force: true });
  const start = seeding ? ["--start", new Date(Date.now() - HISTORY_DAYS * 86_400_000).toISOString()] : [];
  startChild("AWS sandbox", bin("tsx"), ["lib/sandbox/cli.ts", "--port", String(sandboxPort), "--state", sandboxState, "--demo", "--scale", timeScale, ...start], process.env, { quiet: true });
  Object.assign(env, {
    CHANGEGATE_AWS: "sandbox",
    CHANGEGATE_SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${sandboxPort}`,
    AWS_ACCESS_KEY_ID: "sandbox",
    AWS_SECRET_ACCESS_KEY: "sandbox",
    AWS_REGION: process.env.AWS_REGION ?? "us-east-1",
  });
  await waitForHttp(`http://127.0.0.1:${sandboxPort}/_sandbox/state`, 30_000);
  console.log(`AWS sandbox on http://127.0.0.1:${sandboxPort} (demo functions, no real AWS calls).`);
}

// Email: without SMTP_URL, a local SMTP sink receives what the portal sends (logged here, kept under .data/mail).
if (!process.env.SMTP_URL) {
  const smtpPort = Number(process.env.CHANGEGATE_SMTP_SINK_PORT ?? 2525);
  if (await portInUse(smtpPort)) {
    console.warn(`Port ${smtpPort} (SMTP sink) is in use: no email. Set CHANGEGATE_SMTP_SINK_PORT to another port.`);
  } else {
    const { startSmtpSink } = await import("@/lib/notify/smtp-sink");
    const mailDir = path.join(ROOT, ".data", "mail");
    await mkdir(mailDir, { recursive: true });
    const sink = await startSmtpSink({
      port: smtpPort,
      onMail: (m) => {
        console.log(`[mail] to ${m.to.join(", ")}: ${m.subject}`);
        void writeFile(path.join(mailDir, `${Date.now()}-${m.to[0] ?? "unknown"}.eml`), m.raw);
      },
    });
    env.SMTP_URL = sink.url;
    console.log(`SMTP sink on ${sink.url} (SMTP_URL is unset): email is logged here and kept in .data/mail.`);
  }
}

// Slack: without a bot token, a local fake Slack receives the messages (logged here) and can click their buttons.
if (!process.env.SLACK_BOT_TOKEN) {
  const slackPort = Number(process.env.CHANGEGATE_FAKE_SLACK_PORT ?? 4590);
  if (await portInUse(slackPort)) {
    console.warn(`Port ${slackPort} (fake Slack) is in use: no Slack messages. Set CHANGEGATE_FAKE_SLACK_PORT to another port.`);
  } else {
    const { startFakeSlack } = await import("@/lib/notify/fake-slack");
    const slack = await startFakeSlack({ port: slackPort, onMessage: (m, kind) => console.log(`[fake Slack] ${kind === "post" ? "posted to" : "updated in"} ${m.channel}: ${m.text}`) });
    Object.assign(env, { SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET: process.env.SLACK_SIGNING_SECRET ?? "fake-slack-signing-secret" });
    console.log(`Fake Slack on ${slack.apiUrl} (SLACK_BOT_TOKEN is unset): messages are logged here.`);
  }
}

// The demo organisation lives on the sandbox's demo functions: submitting its changes pins their code
// there, and its history is deployed there (an in-process deploy worker, stopped before the real one starts).
if (useSandbox) {
  Object.assign(process.env, { CHANGEGATE_SANDBOX_URL: env.CHANGEGATE_SANDBOX_URL, CHANGEGATE_AWS: "sandbox" });
  process.env.CHANGEGATE_BCRYPT_COST ??= "10";
  const { db } = await import("@/lib/db");
  const { seedDemo } = await import("@/prisma/seed-demo");
  const t0 = Date.now();
  await seedDemo(db, console.log, { endScale: Number(timeScale) });
  if (seeding) console.log(`Demo data seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
  await db.$disconnect();
} else {
  console.log("Real AWS credentials found: no demo data is seeded (it lives on the sandbox's demo functions; CHANGEGATE_AWS=sandbox for a demo).");
}

// The deploy worker drives deployments (pg-boss jobs); with the sandbox it follows its clock. It is
// started again whenever it dies (with backoff); it may take a while to stop: ticks in flight finish.
superviseChild("Deploy worker", process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/deploy-worker.ts"], env, { quiet: true, stopTimeoutMs: 25_000 });

if (!dev) await buildIfStale(env);
if (dev) startChild("Next.js", bin("next"), ["dev", "-p", String(port)], env);
else startChild("Next.js", process.execPath, ["scripts/serve.mjs", "--port", String(port)], env);
await waitForHttp(`http://127.0.0.1:${port}/signin`, 120_000);

console.log(`
Changegate is running at http://localhost:${port}

Demo sign-ins (password for all: ${DEMO_PASSWORD}):
${DEMO_USERS.map((u) => `  ${u.email.padEnd(26)} ${u.roles.join(", ")}`).join("\n")}

Press Ctrl+C to stop.`);
