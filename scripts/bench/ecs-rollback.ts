// Issue 16 bench: ECS rolling deployments (10 tasks, 150/100, breaker on with rollback, grace 60 s),
// time from an injected fault to the rollback starting, in simulated seconds (the sandbox clock:
// what production would see) and wall seconds, at two clock scales — the deploy bench's ×30 and a
// slower ×10 with fewer runs; similar simulated figures at both mean the worker keeps up.
//   (a) Changegate: new tasks answer 5 % errors (they pass health checks) → the target-group gate
//       breaches → Changegate's UpdateService back to the old task definition (its journal entry).
//   (b) ECS's own circuit breaker: new tasks fail to start / fail health checks → ECS's own
//       deployment back to the old task definition (and Changegate recording it as ECS's).
//   (c) The breaker alone (a plain UpdateService, no Changegate) on (a)'s fault: watched for a while.
// Standalone (no portal): its own database and sandbox port, so it runs beside the other modules.
import path from "node:path";
import pg from "pg";
import { ROOT } from "../lib/app-env";
import { ensureDatabase, startDatabaseServer } from "../lib/database";
import { migrateDeploy } from "../lib/prisma-cli";
import { bin, portInUse, startChild, waitForHttp } from "../lib/processes";
import type { StandaloneBenchModule } from "./context";

const SANDBOX_PORT = Number(process.env.CHANGEGATE_BENCH_ECS_SANDBOX_PORT ?? 4672);
const DB_NAME = process.env.CHANGEGATE_BENCH_ECS_DB ?? "changegate_bench_ecs";
const PERIOD_S = 60;
const ERROR_RATE = 0.05;
/** How long (simulated) (c) watches ECS alone on the error fault. */
const WATCH_S = 600;
const PHASES = [
  { scale: 30, gate: 10, breaker: 6, alone: 3, label: "fast, the deploy bench's scale" },
  { scale: 10, gate: 5, breaker: 4, alone: 2, label: "slower; ×1 would take 10× as long again" },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const fig = (xs: number[], digits = 1) => (xs.length ? `median ${median(xs).toFixed(digits)} s, max ${Math.max(...xs).toFixed(digits)} s` : "no runs");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run({ log }: { log: (l: string) => void }) {
  const server = await startDatabaseServer(() => {});
  const databaseUrl = await ensureDatabase(server, DB_NAME);
  migrateDeploy(databaseUrl, { quiet: true });
  if (await portInUse(SANDBOX_PORT)) throw new Error(`Port ${SANDBOX_PORT} is in use: set CHANGEGATE_BENCH_ECS_SANDBOX_PORT.`);
  const sandboxUrl = `http://127.0.0.1:${SANDBOX_PORT}`;
  // lib/db and the factories read these on first use; put back after, for the modules that follow.
  const saved = { DATABASE_URL: process.env.DATABASE_URL, CHANGEGATE_SANDBOX_URL: process.env.CHANGEGATE_SANDBOX_URL };
  process.env.DATABASE_URL = databaseUrl;
  process.env.CHANGEGATE_SANDBOX_URL = sandboxUrl;
  const sandboxProc = startChild("AWS sandbox (ECS bench)", bin("tsx"), [path.join(ROOT, "lib/sandbox/cli.ts"), "--port", String(SANDBOX_PORT), "--scale", "30"], process.env, { quiet: true });
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  const { SandboxControlClient } = await import("@/lib/sandbox/control-client");
  const { createAwsGateways } = await import("@/lib/aws");
  const { sandboxClock } = await import("@/lib/deploy/clock");
  const { startDeployWorker } = await import("@/lib/deploy/worker");
  const { deploymentOutcomes } = await import("@/lib/server/deployment-outcomes");
  const { stopSenderBoss } = await import("@/lib/deploy/queue");
  const { startDeployment } = await import("@/lib/server/start-deployment");
  const { createReadyChange, createService, createUser } = await import("@/prisma/factories");
  const { asActor, waitFor } = await import("@/test/deploy-support");
  const { db, endReadPool } = await import("@/lib/db");
  await waitForHttp(`${sandboxUrl}/_sandbox/health`, 30_000);
  const control = new SandboxControlClient(sandboxUrl);
  const aws = createAwsGateways({ endpoint: sandboxUrl });
  const worker = await startDeployWorker({ databaseUrl, deps: { lambda: aws.lambda, metrics: aws.metrics, ssm: aws.ssm, ecs: aws.ecs, alarms: aws.alarms, clock: sandboxClock(sandboxUrl), outcomes: deploymentOutcomes } });
  const requester = asActor(await createUser(db, { roles: ["ENGINEER"] }));

  // One watcher for everything: ECS's UpdateService journal (stamped with ECS's simulated time, and
  // seen here at a wall time) and the deployments' states, so each run only waits on a map.
  const updates = new Map<string, { sim: number; wall: number; td: string; via: string }[]>();
  const ended = new Map<string, { state: string; reason: string | null; wall: number; sim: number }>();
  const watched = new Set<string>();
  let afterSeq = 0;
  let watching = true;
  let clockRef = { nowMs: 0, wall: 0, scale: 30 };
  const simNow = (wall = Date.now()) => clockRef.nowMs + (wall - clockRef.wall) * clockRef.scale;
  const watcher = (async () => {
    for (let i = 0; watching; i++) {
      const c = await control.clock();
      clockRef = { nowMs: c.nowMs, wall: Date.now(), scale: c.scale };
      const wall = Date.now();
      for (const u of await control.ecs.serviceUpdates(afterSeq)) {
        afterSeq = Math.max(afterSeq, u.seq);
        const list = updates.get(u.service) ?? [];
        list.push({ sim: Date.parse(u.at), wall, td: u.taskDefinition, via: u.via });
        updates.set(u.service, list);
      }
      if (i % 4 === 0 && watched.size > 0) {
        const r = await sql.query<{ id: string; state: string; reason: string | null }>(
          `SELECT id, state::text, reason FROM "Deployment" WHERE id = ANY($1::text[]) AND state::text IN ('SUCCEEDED','ROLLED_BACK','FAILED')`,
          [[...watched]],
        );
        for (const d of r.rows) {
          watched.delete(d.id);
          ended.set(d.id, { state: d.state, reason: d.reason, wall: Date.now(), sim: simNow() });
        }
      }
      await sleep(25);
    }
  })();

  let n = 0;
  /** A service on revision 1 of its family (10 tasks), optionally registered in Changegate with a ready CR to revision 2. */
  async function ecsService(registered: boolean) {
    const name = `bench-ecs-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 6)}`;
    const config = { maximumPercent: 150, minimumHealthyPercent: 100, circuitBreaker: { enable: true, rollback: true }, healthCheckGracePeriodSeconds: 60 };
    const view = await control.ecs.createService({ cluster: "bench", service: name, revisions: 2, taskDefinition: `${name}:1`, desiredCount: 10, ...config });
    if (!registered) return { name };
    const service = await createService(db, { functionName: name, alias: "bench", baselineVersion: `${name}:1` });
    await db.service.update({ where: { id: service.id }, data: { kind: "ECS", targetGroup: view.targetGroup, ecsConfig: config, gateRules: { validation: { minutes: 10 } } } });
    const td = await aws.ecs.describeTaskDefinition(`${name}:2`);
    const cr = await createReadyChange(db, { serviceId: service.id, requesterId: requester.id, targetVersion: `${name}:2`, strategy: "ROLLING", codeSha256: `taskdef:${td.arn}` });
    return { name, cr };
  }
  /** ECS's journal entry that starts the rollout to revision 2 (Changegate's first UpdateService, or ours by hand). */
  const deployedAt = (name: string) =>
    waitFor(`${name} rolling out`, async () => updates.get(name)?.find((u) => u.td.endsWith(`${name}:2`)), 120_000, 25);
  async function untilSim(simMs: number) {
    while (simNow() < simMs) await sleep(Math.min(200, Math.max(5, (simMs - simNow()) / clockRef.scale)));
  }
  async function inject(name: string, fault: { errorRate?: number; startFailure?: boolean; healthCheckFailure?: boolean }) {
    const wall = Date.now();
    const r = await control.ecs.injectTaskFault(`${name}:2`, fault);
    const since = r.faults.find((f) => f.taskDefinition.endsWith(`/${name}:2`))?.since;
    return { sim: since ? Date.parse(since) : simNow(wall), wall };
  }
  /** ECS's own rollback: a PRIMARY deployment of revision 1 it created after the fault, by its breaker. */
  async function breakerRollback(name: string, after: number, timeoutMs: number) {
    return waitFor(`${name}: ECS rolls back`, async () => {
      const s = await aws.ecs.describeService("bench", name);
      const back = s.deployments.find((d) => d.revision === 1 && (d.createdAt?.getTime() ?? 0) >= after && /circuit breaker/i.test(d.rolloutStateReason));
      return back ? { sim: back.createdAt!.getTime() } : null;
    }, timeoutMs, 250);
  }

  /** (a) Changegate rolls back on the error fault, injected while the first new tasks serve (90 s in), spread over a metric period. */
  async function gateRun(i: number, of: number) {
    const t = await ecsService(true);
    const d = await startDeployment(requester, t.cr!.id, { lambda: aws.lambda, ecs: aws.ecs });
    watched.add(d.id);
    const up = await deployedAt(t.name);
    await untilSim(up.sim + (95 + (i / of) * PERIOD_S) * 1000);
    const fault = await inject(t.name, { errorRate: ERROR_RATE });
    const back = await waitFor(`${t.name}: Changegate's rollback`, async () => updates.get(t.name)?.find((u) => u.via === "api" && u.td.endsWith(`${t.name}:1`) && u.sim >= fault.sim), 600_000, 25);
    const end = await waitFor("deployment ends", async () => ended.get(d.id), 600_000, 50);
    return { simS: (back.sim - fault.sim) / 1000, wallS: (back.wall - fault.wall) / 1000, ok: end.state === "ROLLED_BACK" && /gate breached/i.test(end.reason ?? "") };
  }

  /** (b) ECS's breaker on tasks that fail to start / fail health checks, injected before the first new tasks start (30 s in). */
  async function breakerRun(i: number, of: number, fault: { startFailure?: boolean; healthCheckFailure?: boolean }) {
    const t = await ecsService(true);
    const d = await startDeployment(requester, t.cr!.id, { lambda: aws.lambda, ecs: aws.ecs });
    watched.add(d.id);
    const up = await deployedAt(t.name);
    await untilSim(up.sim + (2 + (i / of) * 20) * 1000);
    const f = await inject(t.name, fault);
    const back = await breakerRollback(t.name, f.sim, 600_000);
    const end = await waitFor("deployment ends", async () => ended.get(d.id), 600_000, 50);
    const ours = (updates.get(t.name) ?? []).filter((u) => u.via === "api" && u.td.endsWith(`${t.name}:1`));
    return { simS: (back.sim - f.sim) / 1000, seenSimS: (end.sim - f.sim) / 1000, seenWallS: (end.wall - f.wall) / 1000, ok: end.state === "ROLLED_BACK" && /circuit breaker/i.test(end.reason ?? "") && ours.length === 0 };
  }

  /** (c) ECS alone (no Changegate watching) on the error fault: does its breaker ever roll back? */
  async function aloneRun(i: number, of: number) {
    const t = await ecsService(false);
    await control.ecs.updateService("bench", t.name, { taskDefinition: `${t.name}:2` });
    const up = await deployedAt(t.name);
    await untilSim(up.sim + (95 + (i / of) * PERIOD_S) * 1000);
    const f = await inject(t.name, { errorRate: ERROR_RATE });
    await untilSim(f.sim + WATCH_S * 1000);
    const s = await aws.ecs.describeService("bench", t.name);
    const rolledBack = s.deployments.some((d) => d.revision === 1 && (d.createdAt?.getTime() ?? 0) >= f.sim);
    const done = s.events.find((e) => /deployment completed/.test(e.message) && (e.createdAt?.getTime() ?? 0) >= up.sim);
    return { rolledBack, primary: s.primary, completedAfterS: done?.createdAt ? (done.createdAt.getTime() - f.sim) / 1000 : null };
  }

  try {
    for (const p of PHASES) {
      await control.setTimeScale(p.scale);
      const t0 = Date.now();
      const [gate, start, health, alone] = await Promise.all([
        Promise.all(Array.from({ length: p.gate }, (_, i) => gateRun(i, p.gate))),
        Promise.all(Array.from({ length: p.breaker / 2 }, (_, i) => breakerRun(i, p.breaker / 2, { startFailure: true }))),
        Promise.all(Array.from({ length: p.breaker / 2 }, (_, i) => breakerRun(i, p.breaker / 2, { healthCheckFailure: true }))),
        Promise.all(Array.from({ length: p.alone }, (_, i) => aloneRun(i, p.alone))),
      ]);
      log(`sandbox clock ×${p.scale} (${p.label}); ECS services of 10 tasks, 150/100, breaker on with rollback, grace 60 s; ${PERIOD_S} s metric period; ${((Date.now() - t0) / 1000).toFixed(0)} s wall:`);
      log(`  (a) Changegate, new tasks serve ${ERROR_RATE * 100} % 5xx (injected 95–155 s into the rollout), fault → its UpdateService back, ${gate.length} runs (${gate.filter((r) => r.ok).length} rolled back on the gate):`);
      log(`      simulated: ${fig(gate.map((r) => r.simS))}   (target ≤ ${2 * PERIOD_S + 5} s = 2 periods + 5 s)`);
      log(`      wall:      ${fig(gate.map((r) => r.wallS), 2)} (= simulated / ${p.scale})`);
      for (const [what, rs] of [["fail to start", start], ["fail ELB health checks", health]] as const) {
        log(`  (b) ECS's circuit breaker, new tasks ${what} (injected 2–22 s in), fault → ECS's own rollback deployment, ${rs.length} runs (${rs.filter((r) => r.ok).length} recorded by Changegate as ECS's, no rollback write of its own):`);
        log(`      simulated: ${fig(rs.map((r) => r.simS))}; Changegate shows the deployment rolled back: ${fig(rs.map((r) => r.seenSimS))} (wall ${fig(rs.map((r) => r.seenWallS), 2)})`);
      }
      const completed = alone.filter((r) => r.primary.revision === 2 && r.primary.rolloutState === "COMPLETED");
      log(`  (c) ECS alone, (a)'s fault (5xx, health checks pass), ${alone.length} runs: breaker rollback ${alone.some((r) => r.rolledBack) ? "SEEN" : `never within ${WATCH_S} s`}; ` +
        `${completed.length}/${alone.length} rollouts COMPLETED on the faulty revision (${fig(completed.flatMap((r) => (r.completedAfterS === null ? [] : [r.completedAfterS])), 0)} after the fault), failed tasks ${alone.reduce((a, r) => a + r.primary.failedTasks, 0)}`);
    }
  } finally {
    watching = false;
    await watcher.catch(() => {});
    await worker.stop();
    await stopSenderBoss();
    aws.destroy();
    await db.$disconnect();
    await endReadPool();
    // A fresh client for whichever module runs next, on its own database.
    delete (globalThis as { changegatePrisma?: unknown }).changegatePrisma;
    await sql.end();
    if (sandboxProc.pid) process.kill(-sandboxProc.pid, "SIGTERM");
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    await server.stop();
  }
}

export const ecsRollbackBench: StandaloneBenchModule = { name: "ECS (issue 16): fault-to-rollback, Changegate's gate beside ECS's circuit breaker", standalone: true, run };
