// A deploy worker: takes due tick jobs from pg-boss and advances deployments. Any number of these may
// run (in any number of processes); per deployment exactly one tick runs at a time, guarded by a
// Postgres session advisory lock (run-locks.ts).
//
// pg-boss stays the durable part: every tick is a job row with its start_after, fetched with SKIP
// LOCKED, completed when done; a crash loses nothing the sweeper below does not re-queue. What this
// file adds is *when* to fetch. pg-boss's own work() loop only looks every polling interval and
// waits for a whole batch before fetching again, so a tick due at a period boundary waited up to an
// interval plus the slowest tick of the batch ahead of it (bench: step p95 1.8 s). Instead a worker
// fetches (a) when a tick it scheduled itself falls due — it knows the time, it just wrote it —,
// (b) when the web app NOTIFYs that it queued one, (c) whenever a slot frees while work is waiting,
// and (d) on a slow fallback poll for ticks queued by another worker that died.
import type PgBoss from "pg-boss";
import { advanceDeployment } from "./advance";
import { orphanedDeployments, scheduleTick, startBoss, TICK_CHANNEL, TICK_QUEUE, type TickJob } from "./queue";
import { openRunLocks } from "./run-locks";
import type { DeployDeps } from "./types";
import { startHeartbeat } from "./heartbeat";

export interface WorkerOptions {
  databaseUrl: string;
  /** Every gateway: a worker runs whatever deployment the queue holds (alias, flag or ECS service). */
  deps: Required<Omit<DeployDeps, "recordOnClock">> & Pick<DeployDeps, "recordOnClock">;
  /** Ticks in flight at once in this process. */
  concurrency?: number;
  /** Connections holding the per-deployment advisory locks. */
  lockConnections?: number;
  /** Fallback poll for ticks no wake-up announced (queued by a worker that died since). */
  pollMs?: number;
  /** How often to look for deployments whose chain broke. */
  sweepMs?: number;
  /** Called after each tick with how long it took (bench). */
  onTick?: (info: { deploymentId: string; ms: number; lateMs: number }) => void;
}

export interface DeployWorker {
  boss: PgBoss;
  stop(): Promise<void>;
}

/** Wake-ups due within the same few ms share one timer and one fetch. */
const WAKE_SLOT_MS = 10;

export async function startDeployWorker(o: WorkerOptions): Promise<DeployWorker> {
  const boss = await startBoss(o.databaseUrl, { worker: true });
  const locks = await openRunLocks(o.databaseUrl, o.lockConnections ?? 4);
  // Tells the portal a worker is alive (its banner, GET /api/health); started with the worker, so
  // every process that drives deployments is counted.
  const heartbeat = await startHeartbeat();
  const concurrency = o.concurrency ?? 25;
  /** Deployments ticking in this process → their tick; a second job for one waits for the first. */
  const running = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  const wakeTimers = new Map<number, NodeJS.Timeout>();
  let stopping = false;

  function wakeAt(at: Date) {
    if (stopping) return;
    const slot = Math.ceil(at.getTime() / WAKE_SLOT_MS) * WAKE_SLOT_MS;
    if (wakeTimers.has(slot)) return;
    const timer = setTimeout(() => {
      wakeTimers.delete(slot);
      void pump();
    }, Math.max(0, slot - Date.now()));
    wakeTimers.set(slot, timer);
  }

  async function schedule(deploymentId: string, delayMs: number) {
    wakeAt(await scheduleTick(boss, deploymentId, delayMs));
  }

  async function tick(deploymentId: string, due: Date | null, t0: number) {
    let locked = false;
    /** Real ms until this deployment's next tick; null when it is done. */
    let next: number | null = null;
    try {
      locked = await locks.tryLock(deploymentId);
      // Another process is driving it right now; look again shortly in case it is about to stop.
      if (!locked) return await schedule(deploymentId, 1000);
      // A step that is due at once (hook passed → shift, last step → post-traffic hook) runs in this
      // job, under the same lock, instead of a round trip through the queue.
      for (let i = 0; i < 8; i++) {
        const result = await advanceDeployment(o.deps, deploymentId);
        if (result.done) break;
        const delay = "at" in result ? await o.deps.clock.realMsUntil(result.at) : result.afterMs;
        if (delay > 0 || i === 7 || stopping) {
          next = delay;
          break;
        }
      }
    } catch (e) {
      console.error(`[deploy-worker] tick for ${deploymentId} failed; retrying in 2 s`, e);
      next = 2000;
    } finally {
      // The successor is queued and the lock released side by side (two connections, one wait):
      // another process that fetches the successor before the unlock lands just looks again later,
      // and in this process `running` keeps the successor behind this tick anyway.
      await Promise.all([
        next === null ? null : schedule(deploymentId, next).catch((e: unknown) => console.error(`[deploy-worker] could not queue the next tick for ${deploymentId}; the sweeper will`, e)),
        locked ? locks.unlock(deploymentId).catch(() => {}) : null,
      ]);
      o.onTick?.({ deploymentId, ms: Date.now() - t0, lateMs: due ? t0 - due.getTime() : 0 });
    }
  }

  // Finished jobs are completed in small batches: one statement per burst instead of one per tick.
  const finished: string[] = [];
  let completeTimer: NodeJS.Timeout | null = null;
  async function completeFinished() {
    completeTimer = null;
    const ids = finished.splice(0);
    if (ids.length) await boss.complete(TICK_QUEUE, ids).catch((e: unknown) => console.error("[deploy-worker] completing jobs failed", e));
  }

  function run(job: PgBoss.JobWithMetadata<TickJob>) {
    const id = job.data.deploymentId;
    const pickedAt = Date.now();
    // The next job of a chain can be fetched while the tick that queued it is still unlocking. It
    // must wait here: the advisory lock is per session, so it would not stop a second tick from
    // this very process.
    const ahead = running.get(id);
    const p = (ahead ? ahead.then(() => tick(id, job.startAfter, pickedAt)) : tick(id, job.startAfter, pickedAt)).finally(() => {
      inFlight.delete(p);
      if (running.get(id) === p) running.delete(id);
      finished.push(job.id);
      completeTimer ??= setTimeout(() => void completeFinished(), 20);
      if (backlog) void pump();
    });
    inFlight.add(p);
    running.set(id, p);
  }

  let pumping = false;
  let again = false;
  /** Set when the last fetch filled every free slot: more may be due, fetch when one frees. */
  let backlog = false;
  async function pump(): Promise<void> {
    if (stopping) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        const room = concurrency - inFlight.size;
        backlog = room <= 0;
        if (backlog) break;
        const jobs = ((await boss.fetch<TickJob>(TICK_QUEUE, { batchSize: room, includeMetadata: true })) ?? []) as PgBoss.JobWithMetadata<TickJob>[];
        for (const job of jobs) run(job);
        if (jobs.length === room) again = true;
      } while (again && !stopping);
    } catch (e) {
      console.error("[deploy-worker] fetching ticks failed", e);
    } finally {
      pumping = false;
    }
  }

  await locks.listen(TICK_CHANNEL, () => void pump());

  async function sweep() {
    if (stopping) return;
    try {
      for (const id of await orphanedDeployments()) if (!running.has(id)) await schedule(id, 0);
    } catch (e) {
      console.error("[deploy-worker] sweep failed", e);
    }
  }
  await sweep();
  const sweepTimer = setInterval(() => void sweep(), o.sweepMs ?? 1000);
  const pollTimer = setInterval(() => void pump(), o.pollMs ?? 1000);
  void pump();

  return {
    boss,
    async stop() {
      stopping = true;
      heartbeat.stop();
      locks.closing();
      clearInterval(sweepTimer);
      clearInterval(pollTimer);
      for (const t of wakeTimers.values()) clearTimeout(t);
      // Let ticks in flight finish (each schedules its successor) before the queue closes.
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 10_000))]);
      if (completeTimer) clearTimeout(completeTimer);
      await completeFinished();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await locks.end();
    },
  };
}
