import "server-only";
import { readDb } from "@/lib/db";
import { workerHealth, type WorkerHealth } from "@/lib/domain/worker-health";

// The newest heartbeat of any deploy worker (lib/deploy/heartbeat.ts): one index-only read of a tiny
// table. Every portal page shows the banner from it, so pages share one result per process for a few
// seconds; the banner may then come up to that much late, next to a 30 s threshold.
const CACHE_MS = 5_000;
const cache = globalThis as unknown as { changegateNewestBeat?: { readAt: number; beat: Promise<Date | null> } };

export async function newestHeartbeat(): Promise<Date | null> {
  const row = await readDb.selectFrom("WorkerHeartbeat").select((eb) => eb.fn.max<Date | null, "beatAt">("beatAt").as("beatAt")).executeTakeFirst();
  return row?.beatAt ?? null;
}

/** For the portal's banner: the workers' health, from a read at most a few seconds old; undefined if the read failed. */
export async function cachedWorkerHealth(now = new Date()): Promise<WorkerHealth | undefined> {
  let entry = cache.changegateNewestBeat;
  if (!entry || now.getTime() - entry.readAt >= CACHE_MS) {
    entry = { readAt: now.getTime(), beat: newestHeartbeat() };
    cache.changegateNewestBeat = entry;
    // A failed read is not kept: the next page asks again.
    entry.beat.catch(() => {
      if (cache.changegateNewestBeat === entry) cache.changegateNewestBeat = undefined;
    });
  }
  try {
    return workerHealth(await entry.beat, now);
  } catch {
    // The page itself will say what is wrong with the database; the banner has nothing to add.
    return undefined;
  }
}
