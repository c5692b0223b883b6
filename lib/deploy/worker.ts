// A deploy worker: pulls tick jobs and advances deployments. Any number of these may run (in any
// number of processes); per deployment exactly one tick runs at a time, guarded by a Postgres
// session advisory lock — held on this process's own connection, so it dies with the process and a
// crashed worker never leaves a deployment locked.
import pg from "pg";
import type PgBoss from "pg-boss";
import { advanceDeployment } from "./advance";
import { orphanedDeployments, scheduleTick, startBoss, TICK_QUEUE, type TickJob } from "./queue";
import type { DeployDeps } from "./types";

export interface WorkerOptions {
  databaseUrl: string;
  deps: DeployDeps;
  /** Parallel pg-boss fetch loops × jobs per fetch = ticks in flight. */
  loops?: number;
  batchSize?: number;
  /** How often to look for deployments whose chain broke. */
  sweepMs?: number;
  /** Called after each tick with how long it took (bench). */
  onTick?: (info: { deploymentId: string; ms: number; lateMs: number }) => void;
}

export interface DeployWorker {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startDeployWorker(o: WorkerOptions): Promise<DeployWorker> {
  const boss = await startBoss(o.databaseUrl, { worker: true });
  const lockConn = new pg.Client({ connectionString: o.databaseUrl, application_name: "changegate-deploy-lock" });
  await lockConn.connect();
  // One connection, many concurrent ticks: queue its queries (pg refuses overlapping ones in v9).
  let chain: Promise<unknown> = Promise.resolve();
  const lockQuery = (sql: string, key: string) => {
    const p = chain.then(() => lockConn.query<{ ok: boolean }>(sql, [key]));
    chain = p.catch(() => {});
    return p;
  };
  const running = new Set<string>();
  let stopping = false;

  async function tick(deploymentId: string, due: Date | null) {
    if (running.has(deploymentId)) return scheduleTick(boss, deploymentId, 500);
    running.add(deploymentId);
    const t0 = Date.now();
    let locked = false;
    try {
      const r = await lockQuery("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", `cg-deploy:${deploymentId}`);
      locked = r.rows[0]?.ok === true;
      // Another process is driving it right now; look again shortly in case it is about to stop.
      if (!locked) return await scheduleTick(boss, deploymentId, 1000);
      // A step that is due at once (hook passed → shift, last step → post-traffic hook) runs in this
      // job, under the same lock, instead of waiting for the queue's next poll.
      for (let i = 0; i < 8; i++) {
        const result = await advanceDeployment(o.deps, deploymentId);
        if (result.done) break;
        const delay = "at" in result ? await o.deps.clock.realMsUntil(result.at) : result.afterMs;
        if (delay > 0 || i === 7 || stopping) {
          await scheduleTick(boss, deploymentId, delay);
          break;
        }
      }
    } catch (e) {
      console.error(`[deploy-worker] tick for ${deploymentId} failed; retrying in 2 s`, e);
      await scheduleTick(boss, deploymentId, 2000).catch(() => {});
    } finally {
      if (locked) await lockQuery("SELECT pg_advisory_unlock(hashtext($1))", `cg-deploy:${deploymentId}`).catch(() => {});
      running.delete(deploymentId);
      o.onTick?.({ deploymentId, ms: Date.now() - t0, lateMs: due ? t0 - due.getTime() : 0 });
    }
  }

  const handler = async (jobs: PgBoss.JobWithMetadata<TickJob>[]) => {
    await Promise.all(jobs.map((j) => tick(j.data.deploymentId, j.startAfter)));
  };
  // Many small fetch loops: one slow tick (a hook, a throttled call) holds up only its own small batch.
  const loops = o.loops ?? 10;
  for (let i = 0; i < loops; i++) {
    await boss.work<TickJob>(TICK_QUEUE, { batchSize: o.batchSize ?? 4, pollingIntervalSeconds: 0.5, includeMetadata: true }, handler);
  }

  async function sweep() {
    if (stopping) return;
    try {
      for (const id of await orphanedDeployments(boss)) if (!running.has(id)) await scheduleTick(boss, id, 0);
    } catch (e) {
      console.error("[deploy-worker] sweep failed", e);
    }
  }
  await sweep();
  const timer = setInterval(() => void sweep(), o.sweepMs ?? 1000);

  return {
    boss,
    async stop() {
      stopping = true;
      clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await lockConn.end().catch(() => {});
    },
  };
}
