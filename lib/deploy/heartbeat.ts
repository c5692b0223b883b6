// The deploy worker's heartbeat (issue 12): one row per worker process, its beatAt moved every few
// seconds, so the portal can tell everyone when no worker is alive (deployments would stall silently
// otherwise). A write through the ORM: one small upsert every 5 s is no hot path.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { db } from "@/lib/db";
import { HEARTBEAT_EVERY_MS } from "@/lib/domain/worker-health";

/** Rows of workers gone this long are deleted by the next worker that starts. */
const FORGET_AFTER_MS = 24 * 3_600_000;

export interface Heartbeat {
  id: string;
  /** Writes one beat now (also done by the timer). */
  beat(): Promise<void>;
  stop(): void;
}

export async function startHeartbeat(opts: { everyMs?: number; now?: () => Date; log?: (m: string) => void } = {}): Promise<Heartbeat> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((m: string) => console.warn(m));
  const id = randomUUID();
  const startedAt = now();
  const row = { host: os.hostname(), pid: process.pid, startedAt };
  let failing = false;

  async function beat() {
    const beatAt = now();
    try {
      await db.workerHeartbeat.upsert({ where: { id }, create: { id, ...row, beatAt }, update: { beatAt } });
      if (failing) log("[deploy-worker] heartbeat written again");
      failing = false;
    } catch (e) {
      // Once per outage: the database being away is logged by everything else too.
      if (!failing) log(`[deploy-worker] heartbeat not written: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
      failing = true;
    }
  }

  await db.workerHeartbeat.deleteMany({ where: { beatAt: { lt: new Date(startedAt.getTime() - FORGET_AFTER_MS) } } });
  await beat();
  const timer = setInterval(() => void beat(), opts.everyMs ?? HEARTBEAT_EVERY_MS);
  timer.unref();
  return { id, beat, stop: () => clearInterval(timer) };
}
