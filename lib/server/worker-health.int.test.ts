// The workers' heartbeat and GET /api/health on a real database: what an operator's probe and the
// portal's banner are told when a worker beats, goes silent, never started, or the database is away.
import { beforeEach, describe, expect, it } from "vitest";
import { db, endReadPool } from "@/lib/db";
import { startHeartbeat } from "@/lib/deploy/heartbeat";
import { GET } from "@/app/api/health/route";
import { checkHealth } from "./health-check";
import { cachedWorkerHealth, newestHeartbeat } from "./worker-health";

const T0 = new Date("2026-11-30T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const quiet = () => {};

beforeEach(async () => {
  await db.workerHeartbeat.deleteMany();
});

describe("heartbeat", () => {
  it("a worker's beats move its one row; the newest beat of any worker is what counts", async () => {
    let now = T0;
    const a = await startHeartbeat({ everyMs: 3_600_000, now: () => now });
    now = at(5_000);
    await a.beat();
    const b = await startHeartbeat({ everyMs: 3_600_000, now: () => at(2_000) });
    a.stop();
    b.stop();
    expect(await db.workerHeartbeat.count()).toBe(2);
    expect((await db.workerHeartbeat.findUniqueOrThrow({ where: { id: a.id } })).beatAt).toEqual(at(5_000));
    expect(await newestHeartbeat()).toEqual(at(5_000));
  });

  it("a starting worker forgets workers silent for more than a day", async () => {
    await db.workerHeartbeat.create({ data: { id: "gone", host: "old", pid: 1, startedAt: at(-3 * 86_400_000), beatAt: at(-2 * 86_400_000) } });
    await db.workerHeartbeat.create({ data: { id: "recent", host: "old", pid: 2, startedAt: at(-3_600_000), beatAt: at(-3_600_000) } });
    const hb = await startHeartbeat({ everyMs: 3_600_000, now: () => T0 });
    hb.stop();
    expect((await db.workerHeartbeat.findMany({ orderBy: { id: "asc" } })).map((r) => r.id).sort()).toEqual([hb.id, "recent"].sort());
  });
});

describe("GET /api/health", () => {
  it("is 200 with every part ok while a worker beat within 30 s", async () => {
    (await startHeartbeat({ everyMs: 3_600_000, now: () => T0 })).stop();
    const report = await checkHealth(() => at(29_999), quiet);
    expect(report).toMatchObject({ status: "ok", web: { status: "ok" }, database: { status: "ok" }, worker: { status: "ok", lastHeartbeatAt: T0.toISOString() } });
  });

  it("reports the worker down, and how long it has been silent, 30 s after the last beat", async () => {
    (await startHeartbeat({ everyMs: 3_600_000, now: () => T0 })).stop();
    const report = await checkHealth(() => at(95_000), quiet);
    expect(report).toMatchObject({ status: "down", database: { status: "ok" }, worker: { status: "down", lastHeartbeatAt: T0.toISOString(), silentForSeconds: 95 } });
  });

  it("says no worker was ever seen on a portal whose workers never started", async () => {
    expect((await checkHealth(() => T0, quiet)).worker).toEqual({ status: "never-seen", lastHeartbeatAt: null });
  });

  it("answers 503 without sign-in when no worker is alive, 200 once one beats", async () => {
    const down = await GET();
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "down", worker: { status: "never-seen" } });
    (await startHeartbeat({ everyMs: 3_600_000 })).stop();
    const up = await GET();
    expect(up.status).toBe(200);
    expect(up.headers.get("cache-control")).toBe("no-store");
  });

  it("reports the database down (503) without the connection's host, user or error text", async () => {
    const real = process.env.DATABASE_URL!;
    const logged: string[] = [];
    await endReadPool();
    process.env.DATABASE_URL = "postgresql://secret-user:secret-pass@127.0.0.1:1/nowhere";
    try {
      const report = await checkHealth(() => T0, (m) => logged.push(m));
      expect(report).toMatchObject({ status: "down", web: { status: "ok" }, database: { status: "down" }, worker: { status: "unknown" } });
      expect(JSON.stringify(report)).not.toMatch(/secret|127\.0\.0\.1|nowhere|ECONNREFUSED/);
      expect(logged.join("\n")).toMatch(/database check failed/);
    } finally {
      await endReadPool();
      process.env.DATABASE_URL = real;
    }
  });
});

describe("the banner's read", () => {
  it("shows no worker alive 30 s after the last beat, from a read shared for a few seconds", async () => {
    const now = new Date(); // the cache keeps real time
    (await startHeartbeat({ everyMs: 3_600_000, now: () => new Date(now.getTime() - 60_000) })).stop();
    expect((await cachedWorkerHealth(now))?.state).toBe("stale");
    // A new beat within the shared read's lifetime is seen once it expires, not before.
    (await startHeartbeat({ everyMs: 3_600_000, now: () => now })).stop();
    expect((await cachedWorkerHealth(new Date(now.getTime() + 1_000)))?.state).toBe("stale");
    expect((await cachedWorkerHealth(new Date(now.getTime() + 5_000)))?.state).toBe("alive");
  });
});
