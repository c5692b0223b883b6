import "server-only";
import { sql } from "kysely";
import { readDb } from "@/lib/db";
import { workerHealth } from "@/lib/domain/worker-health";
import { newestHeartbeat } from "./worker-health";

// GET /api/health (issue 12): what a load balancer or an operator asks. Read fresh on every call,
// each part bounded in time so a hung database reports "down" instead of hanging the probe. No
// details that help an attacker: states and times only, never hosts, users or error texts.
const TIMEOUT_MS = 2_000;

export interface HealthReport {
  status: "ok" | "down";
  web: { status: "ok" };
  database: { status: "ok" | "down"; latencyMs?: number };
  worker: { status: "ok" | "down" | "never-seen" | "unknown"; lastHeartbeatAt: string | null; silentForSeconds?: number };
  checkedAt: string;
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function checkHealth(now: () => Date = () => new Date(), log: (m: string) => void = console.warn): Promise<HealthReport> {
  const t0 = Date.now();
  let database: HealthReport["database"];
  let worker: HealthReport["worker"] = { status: "unknown", lastHeartbeatAt: null };
  try {
    await within(sql`SELECT 1`.execute(readDb), TIMEOUT_MS);
    database = { status: "ok", latencyMs: Date.now() - t0 };
    const beat = await within(newestHeartbeat(), TIMEOUT_MS);
    const h = workerHealth(beat, now());
    worker =
      h.state === "never-seen"
        ? { status: "never-seen", lastHeartbeatAt: null }
        : { status: h.state === "alive" ? "ok" : "down", lastHeartbeatAt: h.lastBeatAt.toISOString(), ...(h.state === "stale" ? { silentForSeconds: Math.floor(h.silentForMs / 1000) } : {}) };
  } catch (e) {
    log(`[health] database check failed: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    database = { status: "down" };
  }
  const ok = database.status === "ok" && worker.status === "ok";
  return { status: ok ? "ok" : "down", web: { status: "ok" }, database, worker, checkedAt: now().toISOString() };
}
