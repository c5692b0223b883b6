// Issue 2 bench: 100,000 change requests across 200 services; the CR list (first page, a filtered
// page, a text search) and the CR detail page over HTTP with 10 concurrent clients.
import type pg from "pg";
import type { BenchModule } from "./context";
import { formatLoad, httpLoad } from "./http-load";

const CRS = 100_000;
const SERVICES = 200;

async function seed(sql: pg.Client) {
  const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "ChangeRequest"`);
  if (Number(rows[0]!.n) >= CRS) return;
  await sql.query(`INSERT INTO "Team"(id, name) SELECT 'bt' || g, 'bench-team-' || g FROM generate_series(1, 20) g ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO "User"(id, email, name, roles, "updatedAt", "teamId")
    SELECT 'bu' || g, 'bench' || g || '@example.test', 'Bench User ' || g, ARRAY['ENGINEER']::"Role"[], now(), 'bt' || (1 + g % 20)
    FROM generate_series(1, 50) g ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO "Service"(id, name, "teamId", "awsRegion", "functionName", alias, "updatedAt", "onCallUserId")
    SELECT 'bs' || g, 'bench-service-' || g, 'bt' || (1 + g % 20), 'us-east-1', 'bench-fn-' || g, 'production', now(), 'bu' || (1 + g % 50)
    FROM generate_series(1, ${SERVICES}) g ON CONFLICT DO NOTHING`);
  const words = ["memory", "timeout", "retry", "cache", "index", "certificate", "runtime", "flag", "quota", "schema", "logging", "latency"];
  await sql.query(
    `INSERT INTO "ChangeRequest"(id, number, year, seq, state, summary, type, risk, "servicesAffected", "usersAffected",
       "downtimeRequired", "rollbackPlan", "implementationSteps", "rollbackProcedure", "windowStart", "windowDurationMin",
       "windowTimeZone", "serviceId", "targetVersion", strategy, "requesterId", "onCallUserId", "createdAt", "updatedAt", "submittedAt")
     SELECT 'bc' || g, 'CR-2025-' || lpad(g::text, 6, '0'), 2025, g,
       (ARRAY['DRAFT','SUBMITTED','APPROVED','REJECTED','SCHEDULED','DEPLOYED','ROLLED_BACK','FAILED','CLOSED','CANCELLED'])[1 + g % 10]::"CrState",
       'Change ' || g || ': adjust ' || ($1::text[])[1 + g % 12] || ' for bench-service-' || (1 + g % ${SERVICES}),
       (ARRAY['FEATURE','PERFORMANCE','BUG_FIX','SECURITY_FIX','INFRASTRUCTURE'])[1 + g % 5]::"ChangeType",
       (ARRAY['LOW','MEDIUM','HIGH'])[1 + g % 3]::"RiskLevel",
       'bench-service-' || (1 + g % ${SERVICES}), 'None', false, 'Revert', ARRAY['Deploy', 'Monitor'], 'aws lambda update-alias …',
       timestamp '2025-01-01' + (g || ' minutes')::interval, 30, 'Europe/Berlin', 'bs' || (1 + g % ${SERVICES}), (1 + g % 40)::text,
       'Canary10Percent5Minutes', 'bu' || (1 + g % 50), 'bu' || (1 + (g + 7) % 50),
       timestamp '2025-01-01' + (g || ' minutes')::interval, now(), timestamp '2025-01-01' + (g || ' minutes')::interval
     FROM generate_series(1, ${CRS}) g ON CONFLICT DO NOTHING`,
    [words],
  );
  await sql.query(`INSERT INTO "CrCounter"(year, last) VALUES (2025, ${CRS}) ON CONFLICT (year) DO UPDATE SET last = EXCLUDED.last`);
  await sql.query(`INSERT INTO "AuditEvent"("actorId", "actorLabel", action, "entityType", "entityId", "crId", at, after)
     SELECT 'bu' || (1 + g % 50), 'Bench User', a.action, 'ChangeRequest', 'bc' || g, 'bc' || g, timestamp '2025-01-01' + (g || ' minutes')::interval, '{}'::jsonb
     FROM generate_series(1, ${CRS}) g CROSS JOIN (VALUES ('change.created'), ('change.submit')) a(action)`);
  await sql.query(`ANALYZE`);
}

export const changesBench: BenchModule = {
  name: "changes: change requests (issue 2)",
  seed,
  async run({ baseUrl, cookie, log, serverPid, dbPid }) {
    const headers = { cookie };
    const opts = { concurrency: 10, requests: 400, headers, serverPid, dbPid };
    let i = 0;
    const target = "p95 ≤ 150 ms";
    log(formatLoad(await httpLoad("CR list, first page", `${baseUrl}/changes`, opts), target));
    log(formatLoad(await httpLoad("CR list, filtered (state+risk+service)", () => `${baseUrl}/changes?state=APPROVED&risk=HIGH&service=bs${1 + (i++ % SERVICES)}`, opts), target));
    log(formatLoad(await httpLoad("CR list, text search", () => `${baseUrl}/changes?q=${["certificate", "retry", "quota", "latency"][i++ % 4]}%20for%20bench-service-1${i % 10}`, opts), target));
    log(formatLoad(await httpLoad("CR detail page", () => `${baseUrl}/changes/bc${1 + ((i++ * 7919) % CRS)}`, opts), target));
    // The floor under every page here: a signed-in request through the proxy, the session, the actor
    // lookup and the portal layout that renders no content of its own (/ answers with a redirect).
    log(formatLoad(await httpLoad("Reference: GET / (signed in, no content)", `${baseUrl}/`, opts), "(no target; the framework's floor)"));
  },
};
