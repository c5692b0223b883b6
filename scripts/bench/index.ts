// npm run bench — seeds a dedicated database with bench-sized data, starts a production build of
// the portal on it, and measures over HTTP. Prints figures; asserts nothing (targets are printed
// beside the figures: this machine is shared and noisy).
import pg from "pg";
import { loadDotEnv, nextAuthSecret } from "../lib/app-env";
import { buildIfStale } from "../lib/build";
import { ensureDatabase, startDatabaseServer } from "../lib/database";
import { portInUse, startChild, stopChildren, waitForHttp } from "../lib/processes";
import { migrateDeploy } from "../lib/prisma-cli";
import { hashPassword } from "@/lib/auth/password";
import { cabBench } from "./cab";
import { changesBench } from "./changes";
import { deployBench } from "./deploy";
import { ecsRollbackBench } from "./ecs-rollback";
import { historyBench } from "./history";
import { notifyBench } from "./notify";
import { pagesBench } from "./pages";
import { readinessBench } from "./readiness";
import type { BenchModule, StandaloneBenchModule } from "./context";
import { flagsBench } from "./flags";
import { signInCookie } from "./http-load";
import { parentPid } from "./proc-stats";

/** The database server's main process when it runs on this machine (its checkpointer's parent), for its CPU figures. */
async function postmasterPid(client: pg.Client): Promise<number | undefined> {
  const { rows } = await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'`);
  return rows[0] ? parentPid(rows[0].pid) : undefined;
}

const MODULES: (BenchModule | StandaloneBenchModule)[] = [changesBench, historyBench, readinessBench, cabBench, deployBench, flagsBench, ecsRollbackBench, notifyBench, pagesBench];

loadDotEnv();
const only = process.argv[2];
const matching = MODULES.filter((m) => !only || m.name.toLowerCase().includes(only.toLowerCase()));
if (matching.length === 0) {
  console.error(`No bench module matches "${only}". Modules: ${MODULES.map((m) => m.name).join("; ")}`);
  process.exit(1);
}
for (const m of matching) {
  if (!m.standalone) continue;
  console.log(`\n== ${m.name}`);
  await m.run({ log: (l) => console.log(l) });
}
const selected = matching.filter((m): m is BenchModule => !m.standalone);
if (selected.length === 0) process.exit(0);
const server = await startDatabaseServer();
const databaseUrl = await ensureDatabase(server, process.env.CHANGEGATE_BENCH_DB ?? "changegate_bench");
migrateDeploy(databaseUrl, { quiet: true });
const sql = new pg.Client({ connectionString: databaseUrl });
await sql.connect();

const password = "bench-password";
await sql.query(
  `INSERT INTO "User"(id, email, name, roles, "passwordHash", "updatedAt") VALUES ('bench-admin', 'bench-admin@example.test', 'Bench Admin',
   ARRAY['ADMIN','ENGINEER','CAB_MEMBER','CTO','ENG_MANAGER','SRE']::"Role"[], $1, now()) ON CONFLICT (id) DO UPDATE SET "passwordHash" = $1, "failedSignIns" = 0`,
  [await hashPassword(password)],
);
for (const m of selected) {
  const t0 = Date.now();
  await m.seed?.(sql);
  console.log(`seeded ${m.name} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const port = Number(process.env.CHANGEGATE_BENCH_PORT ?? 3200);
// A server left on the port (say, from an interrupted run) would answer instead of this build.
if (await portInUse(port)) {
  console.error(`Port ${port} is already in use (a portal left running?). Stop it or set CHANGEGATE_BENCH_PORT.`);
  process.exit(1);
}
const env = { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: nextAuthSecret(), NEXTAUTH_URL: `http://localhost:${port}`, NEXT_TELEMETRY_DISABLED: "1", DATABASE_POOL_SIZE: "20" };
await buildIfStale(env);
// CHANGEGATE_BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the portal under load.
const nodeArgs = process.env.CHANGEGATE_BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
const nextServer = startChild("Next.js", process.execPath, [...nodeArgs, "scripts/serve.mjs", "--port", String(port)], env, { quiet: true });
const baseUrl = `http://localhost:${port}`;
await waitForHttp(`${baseUrl}/signin`, 120_000);
const cookie = await signInCookie(baseUrl, "bench-admin@example.test", password);
const dbPid = await postmasterPid(sql);

// CHANGEGATE_BENCH_HOLD=1 keeps the seeded portal running (for profiling by hand) instead of measuring.
if (process.env.CHANGEGATE_BENCH_HOLD) {
  console.log(`holding ${baseUrl} on ${databaseUrl}; cookie: ${cookie}; Ctrl-C stops`);
  await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
}
try {
  for (const m of process.env.CHANGEGATE_BENCH_HOLD ? [] : selected) {
    console.log(`\n== ${m.name}`);
    await m.run({ baseUrl, sql, cookie, log: (l) => console.log(l), serverPid: nextServer.pid, dbPid });
  }
} finally {
  await sql.end();
  await stopChildren();
  await server.stop();
}
