// The deploy queue on pg-boss (its own schema "pgboss" in the portal's database). A deployment is
// driven by a chain of "tick" jobs, one queued at a time per deployment: the queue's "short" policy
// keeps at most one waiting job per singleton key, so every process that pokes a deployment merges
// into the same chain instead of starting a second one.
import PgBoss from "pg-boss";
import { sql } from "kysely";
import { readDb } from "@/lib/db";

export const TICK_QUEUE = "deploy-tick";
export const BOSS_SCHEMA = "pgboss";
/** NOTIFY channel: "a tick is due now" from a process that is not a worker (the web app). */
export const TICK_CHANNEL = "changegate_deploy_tick";

export interface TickJob {
  deploymentId: string;
}

/**
 * `migrate` (default: unless CHANGEGATE_QUEUE_MIGRATE=false): create or upgrade the "pgboss" schema
 * on start. That is DDL, which only the schema owner may run: `npm start` prepares the schema once as
 * the owner role and starts the web app and the worker as the app role with it off (pg-boss then only
 * checks the schema version, and refuses clearly if it is missing).
 */
export async function startBoss(connectionString: string, opts: { worker: boolean; migrate?: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    schema: BOSS_SCHEMA,
    migrate: opts.migrate ?? process.env.CHANGEGATE_QUEUE_MIGRATE !== "false",
    // Only worker processes do pg-boss's housekeeping; the web app merely sends.
    supervise: opts.worker,
    schedule: false,
    max: opts.worker ? 8 : 2,
    maintenanceIntervalSeconds: 30,
  });
  // The message only: pg errors carry the whole client object.
  boss.on("error", (e) => console.error(`[deploy-queue] ${e instanceof Error ? e.message : String(e)}`));
  await boss.start();
  // A tick that dies with its process is not retried by pg-boss: the worker's sweeper re-queues
  // every active deployment that has no tick waiting (see worker.ts).
  await boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: "short", retryLimit: 0, expireInSeconds: 120 });
  return boss;
}

/**
 * Queue the deployment's next tick `delayMs` from now. If one is already waiting, make it run no
 * later than that (pause, promote and abort must not wait out a long poll). Returns when it is due,
 * so a worker can wake itself then instead of finding it on a later poll.
 */
export async function scheduleTick(boss: PgBoss, deploymentId: string, delayMs: number): Promise<Date> {
  const startAfter = new Date(Date.now() + Math.max(0, Math.min(delayMs, 3_600_000)));
  const id = await boss.send(TICK_QUEUE, { deploymentId } satisfies TickJob, { singletonKey: deploymentId, startAfter, retryLimit: 0, expireInSeconds: 120 });
  if (id) return startAfter;
  await boss
    .getDb()
    .executeSql(`UPDATE ${BOSS_SCHEMA}.job SET start_after = LEAST(start_after, $3) WHERE name = $1 AND singleton_key = $2 AND state = 'created'`, [
      TICK_QUEUE,
      deploymentId,
      startAfter,
    ]);
  return startAfter;
}

/**
 * Active deployments with no tick waiting: their chain broke (a worker died mid-tick). A Kysely read
 * like every other; pg-boss's job table is not in the schema's types, so it is named here.
 */
export async function orphanedDeployments(): Promise<string[]> {
  const rows = await readDb
    .selectFrom("Deployment as d")
    .select("d.id")
    .where("d.activeLock", "is not", null)
    .where(({ not, exists }) => not(exists(sql`(SELECT 1 FROM ${sql.table(`${BOSS_SCHEMA}.job`)} j
      WHERE j.name = ${TICK_QUEUE} AND j.singleton_key = d.id AND j.state IN ('created', 'retry'))`)))
    .execute();
  return rows.map((r) => r.id);
}

// The web app's sender, one per process (Next reloads modules in dev, so keep it on globalThis).
const g = globalThis as unknown as { changegateBoss?: Promise<PgBoss> };

export function senderBoss(): Promise<PgBoss> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  g.changegateBoss ??= startBoss(url, { worker: false }).catch((e: unknown) => {
    g.changegateBoss = undefined;
    throw e;
  });
  return g.changegateBoss;
}

export async function stopSenderBoss(): Promise<void> {
  const b = g.changegateBoss;
  g.changegateBoss = undefined;
  if (b) await (await b).stop({ graceful: false, wait: true }).catch(() => {});
}

/**
 * Best effort: if the queue is unreachable the workers' sweeper still picks the deployment up. The
 * NOTIFY wakes the workers at once; without it they would find the tick on their fallback poll.
 */
export async function kickDeployment(deploymentId: string): Promise<void> {
  try {
    const boss = await senderBoss();
    await scheduleTick(boss, deploymentId, 0);
    await boss.getDb().executeSql("SELECT pg_notify($1, $2)", [TICK_CHANNEL, deploymentId]);
  } catch (e) {
    console.error(`[deploy-queue] could not queue a tick for ${deploymentId}; the sweeper will`, e);
  }
}
