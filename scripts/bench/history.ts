// Issue 5 bench: 300,000 deployments over two years on 100 services and 3,000,000 deployment events;
// the metrics dashboard for one year (org-wide and one service, 10 clients), the history's first and
// a filtered page, and the CSV export of every row (time, and the server's peak RSS from /proc).
import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { BenchModule } from "./context";
import { formatLoad, httpLoad } from "./http-load";
import { rssByPid } from "./proc-stats";

const DEPLOYMENTS = 300_000;
const EVENTS_PER_DEPLOYMENT = 10;
const SERVICES = 100;

async function seed(sql: pg.Client) {
  const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Deployment" WHERE id LIKE 'hd%'`);
  if (Number(rows[0]!.n) >= DEPLOYMENTS) return;
  await sql.query(`INSERT INTO "Team"(id, name) SELECT 'ht' || g, 'history-team-' || g FROM generate_series(1, 10) g ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO "User"(id, email, name, roles, "updatedAt", "teamId")
    SELECT 'hu' || g, 'history' || g || '@example.test', 'History User ' || g, ARRAY['ENGINEER']::"Role"[], now(), 'ht' || (1 + g % 10)
    FROM generate_series(1, 40) g ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO "Service"(id, name, "teamId", "awsRegion", "functionName", alias, "updatedAt")
    SELECT 'hs' || g, 'history-service-' || g, 'ht' || (1 + g % 10), 'us-east-1', 'history-fn-' || g, 'production', now()
    FROM generate_series(1, ${SERVICES}) g ON CONFLICT DO NOTHING`);
  // Two years back from now, evenly spread (~410 a day); 90 % succeed, 5 % fail, 5 % are rolled back.
  await sql.query(`INSERT INTO "Deployment"(id, "serviceId", "awsRegion", "functionName", alias, "fromVersion", "toVersion", strategy,
      plan, state, outcome, "rollbackKind", reason, "issueDetectedAt", "requesterId", "commitSha", "commitTime", "startedAt", "finishedAt", "updatedAt")
    SELECT 'hd' || g, 'hs' || (1 + g % ${SERVICES}), 'us-east-1', 'history-fn-' || (1 + g % ${SERVICES}), 'production',
      (g / ${SERVICES})::text, (g / ${SERVICES} + 1)::text,
      (ARRAY['Canary10Percent5Minutes','Linear10PercentEvery1Minute','BLUE_GREEN','AllAtOnce'])[1 + g % 4], '[]'::jsonb,
      o::text::"DeploymentState", o, CASE WHEN o = 'ROLLED_BACK' THEN (ARRAY['AUTOMATIC','MANUAL'])[1 + g % 2] END,
      CASE WHEN o = 'ROLLED_BACK' THEN 'Gate breach: error rate above 0.1 %' WHEN o = 'FAILED' THEN 'Alias update failed' END,
      CASE WHEN o = 'ROLLED_BACK' THEN s + interval '9 minutes' END, 'hu' || (1 + g % 40), md5(g::text),
      s - ((g % 48) || ' hours')::interval, s, s + ((5 + g % 25) || ' minutes')::interval, now()
    FROM generate_series(1, ${DEPLOYMENTS}) g,
      LATERAL (SELECT (now() AT TIME ZONE 'UTC') - (g * interval '210 seconds') AS s,
        (CASE WHEN g % 20 = 0 THEN 'FAILED' WHEN g % 20 = 1 THEN 'ROLLED_BACK' ELSE 'SUCCEEDED' END)::"DeploymentOutcome" AS o) x
    ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO "DeploymentEvent"("deploymentId", at, kind, message)
    SELECT d.id, d."startedAt" + (e || ' seconds')::interval, (ARRAY['started','traffic','gate-reading'])[1 + e % 3], 'Bench event ' || e
    FROM "Deployment" d CROSS JOIN generate_series(1, ${EVENTS_PER_DEPLOYMENT}) e WHERE d.id LIKE 'hd%'`);
  // As autovacuum would by now: statistics, and a visibility map for index-only scans.
  await sql.query(`VACUUM ANALYZE "Deployment"`);
  await sql.query(`VACUUM ANALYZE "DeploymentEvent"`);
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export const historyBench: BenchModule = {
  name: "history and metrics (issue 5)",
  seed,
  async run({ baseUrl, cookie, log, serverPid, dbPid }) {
    const headers = { cookie };
    const opts = { concurrency: 10, requests: 200, headers, serverPid, dbPid };
    const to = isoDate(new Date(Date.now() - 86_400_000));
    const from = isoDate(new Date(Date.now() - 365 * 86_400_000));
    let i = 0;
    const measure = async (label: string, urls: string | (() => string), o: Parameters<typeof httpLoad>[2], target: string) =>
      log(formatLoad(await httpLoad(label, urls, o), target));
    await measure("Dashboard, one year, org-wide", `${baseUrl}/metrics?from=${from}&to=${to}`, opts, "p95 ≤ 200 ms");
    await measure("Dashboard, one year, one service", () => `${baseUrl}/metrics?from=${from}&to=${to}&service=hs${1 + (i++ % SERVICES)}`, opts, "p95 ≤ 200 ms");
    // Distinct periods defeat the dashboard's 30-second shared result: the cost of computing one.
    let shift = 0;
    const uncached = () => `${baseUrl}/metrics?from=${isoDate(new Date(Date.now() - (365 + ++shift) * 86_400_000))}&to=${isoDate(new Date(Date.now() - (1 + shift) * 86_400_000))}`;
    await measure("Dashboard, one year, org-wide, uncached", uncached, { ...opts, requests: 40, warmup: 0 }, "(no target; computed fresh)");
    await measure("History, first page", `${baseUrl}/history`, opts, "p95 ≤ 150 ms");
    await measure("History, filtered (service + outcome)", () => `${baseUrl}/history?service=hs${1 + (i++ % SERVICES)}&outcome=rolled-back`, opts, "p95 ≤ 150 ms");

    // Per process: the export runs in one web worker, and that worker's growth is the export's cost.
    const before = serverPid ? rssByPid(serverPid) : null;
    const peaks = new Map(before);
    const sampler = serverPid
      ? setInterval(() => {
          for (const [p, mb] of rssByPid(serverPid)) peaks.set(p, Math.max(peaks.get(p) ?? 0, mb));
        }, 100)
      : null;
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/history/export`, { headers });
    let bytes = 0;
    let lines = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines++;
    }
    const seconds = (performance.now() - t0) / 1000;
    if (sampler) clearInterval(sampler);
    let memory = "; server RSS not readable";
    if (before) {
      const [pid, grew] = [...peaks].map(([p, mb]) => [p, mb - (before.get(p) ?? mb)] as const).sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
      memory = `; the serving process's RSS ${(before.get(pid) ?? 0).toFixed(0)} MB before, peak ${(peaks.get(pid) ?? 0).toFixed(0)} MB during (+${grew.toFixed(0)} MB; target ≤ 300 MB)`;
    }
    log(`CSV export, all rows: ${lines - 1} rows, ${(bytes / 2 ** 20).toFixed(0)} MB in ${seconds.toFixed(1)} s (status ${res.status})${memory}`);
  },
};
