// Whether the deploy workers are alive, from the newest heartbeat any of them wrote (issue 12). A
// worker beats every HEARTBEAT_EVERY_MS; several missed beats in a row (a dead, hung or cut-off
// worker) make it count as gone, and with no worker alive deployments stall.

export const HEARTBEAT_EVERY_MS = 5_000;
/** No beat for this long: no worker is alive. Six missed beats, so a slow beat under load is not an outage. */
export const WORKER_STALE_AFTER_MS = 30_000;

export type WorkerHealth =
  | { state: "alive"; lastBeatAt: Date }
  | { state: "stale"; lastBeatAt: Date; silentForMs: number }
  | { state: "never-seen" };

export function workerHealth(lastBeatAt: Date | null, now: Date): WorkerHealth {
  if (!lastBeatAt) return { state: "never-seen" };
  // A beat stamped a little ahead of this clock (another host's clock) still counts as fresh.
  const silentForMs = Math.max(0, now.getTime() - lastBeatAt.getTime());
  return silentForMs < WORKER_STALE_AFTER_MS ? { state: "alive", lastBeatAt } : { state: "stale", lastBeatAt, silentForMs };
}

/** "45 s", "12 min", "3 h 5 min", "2 days": how long no worker has been heard from. */
export function silentForWords(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 120) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} days`;
}
