// Database round trips per tick. Under load (50 deployments whose ticks fall due together each
// metric period) a tick's run time is mostly its round trips: each is a write syscall, a wait on a
// busy machine and, through the ORM, 1.5–4 ms of query-compiler CPU. This counts every query the
// worker's clients send while one canary runs, and checks no pg client is handed a second query
// while one is queued (pg's "client.query() when the client is already executing a query").
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startDeployment } from "@/lib/server/start-deployment";
import { agreement, deployTarget, startDeployRig, TERMINAL, waitFor, type DeployRig } from "@/test/deploy-support";
import { scaled } from "@/test/timeouts";

let rig: DeployRig;
let sandbox: DeployRig["sandbox"];
let aws: DeployRig["aws"];
let poller: pg.Client;
const ticks: string[] = [];
let counting = false;
const queries: string[] = [];
const overlaps: string[] = [];

type Internals = { _queryQueue: unknown[]; pipeline?: boolean };
const original = pg.Client.prototype.query;

beforeAll(async () => {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (this !== poller) {
      const text = typeof args[0] === "string" ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? "");
      if ((this as unknown as Internals)._queryQueue.length > 0 && !(this as unknown as Internals).pipeline) overlaps.push(`${text.slice(0, 80)}\n${new Error().stack}`);
      if (counting) queries.push(text);
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
  poller = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await poller.connect();
  rig = await startDeployRig(11, {
    // Slow enough that each step is its own tick even on a loaded machine: at 120× a worker that
    // falls behind does several due steps in one tick, and the count per tick measures the load.
    timeScale: 30,
    // No fallback polls or sweeps in the count: only what the ticks themselves send.
    pollMs: 60_000,
    sweepMs: 60_000,
    // One lock connection for all: concurrent ticks must queue their lock calls on it, not overlap.
    lockConnections: 1,
    onTick: (t) => ticks.push(t.deploymentId),
  });
  ({ sandbox, aws } = rig);
});
afterAll(async () => {
  await rig?.stop();
  await poller?.end();
  pg.Client.prototype.query = original;
});

/** The queries a tick itself sends: not pg-boss's fetch and batched completion, not its housekeeping. */
const tickQuery = (q: string) => /"Deployment"|"DeploymentEvent"|"GateReading"|advisory|singleton_key|INSERT INTO pgboss|BEGIN|COMMIT/i.test(q) && !/SKIP LOCKED|state = 'completed'|'completed'/.test(q);

/** ROUND_TRIPS_DUMP=1: which statements, how often (to see where a tick's round trips go). */
function histogram(qs: string[]): string {
  const h = new Map<string, number>();
  for (const q of qs) {
    const k = q.replace(/\s+/g, " ").trim().slice(0, 110);
    h.set(k, (h.get(k) ?? 0) + 1);
  }
  return [...h].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}\t${k}`).join("\n");
}

it("Linear10PercentEvery1Minute deploys take at most 8 database round trips per tick (12 with the ORM reads), and no client is used concurrently", async () => {
  const targets = [];
  for (let i = 0; i < 3; i++) targets.push(await deployTarget(sandbox.control, { strategy: "Linear10PercentEvery1Minute", validationMinutes: 1 }));
  const ids: string[] = [];
  counting = true;
  for (const t of targets) ids.push((await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda })).id);
  await waitFor("the deployments to end", async () => {
    const r = await poller.query<{ state: string }>(`SELECT state::text FROM "Deployment" WHERE id = ANY($1::text[])`, [ids]);
    return r.rows.every((row) => TERMINAL.includes(row.state)) ? r.rows : null;
  }, 120_000, 50);
  await new Promise((r) => setTimeout(r, 100)); // the last tick unlocks after its final write
  counting = false;
  for (const id of ids) expect(await agreement(sandbox.control, id)).toMatchObject({ state: "SUCCEEDED", aliasOk: true, crOk: true, lockReleased: true });
  const mine = ticks.filter((id) => ids.includes(id)).length;
  const tickQueries = queries.filter(tickQuery).filter((q) => !/INSERT INTO "public"."(ChangeRequest|Approval|User|Service)"/.test(q)).length;
  const perTick = tickQueries / mine;
  if (process.env.ROUND_TRIPS_DUMP) console.log(histogram(queries));
  console.log(`[round-trips] ${mine} ticks, ${tickQueries} tick queries (${perTick.toFixed(1)} per tick), ${queries.length} queries in all, ${overlaps.length} overlapping`);
  expect(mine).toBeGreaterThan(30);
  expect(overlaps).toEqual([]);
  // Per tick: the lock, the row, the readings of a new period, the step's write(s), the successor, the unlock.
  expect(perTick).toBeLessThanOrEqual(8);
}, scaled(180_000));
