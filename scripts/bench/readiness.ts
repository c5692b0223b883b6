// Issue 3 bench: the pipeline readiness check over HTTP (token auth, policy, votes, gates, freeze
// windows, active deployment) with 20 concurrent clients, beside the bare JSON route /api/v1/ping
// measured in the same run, so the figure says what readiness costs on top of the framework.
import { createHash } from "node:crypto";
import type pg from "pg";
import type { BenchModule } from "./context";
import { formatLoad, httpLoad } from "./http-load";

const TOKEN = "cg_bench-readiness-token-not-secret";
const CRS = 50;

async function seed(sql: pg.Client) {
  await sql.query(`INSERT INTO "Team"(id, name) VALUES ('rbt', 'readiness-bench-team') ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO "Service"(id, name, "teamId", "awsRegion", "functionName", alias, "updatedAt", "onCallUserId")
    VALUES ('rbs', 'readiness-bench-service', 'rbt', 'us-east-1', 'readiness-bench-fn', 'production', now(), 'bench-admin') ON CONFLICT DO NOTHING`);
  await sql.query(
    `INSERT INTO "ApiToken"(id, name, prefix, "tokenHash", "createdById") VALUES ('rbtok', 'readiness-bench', $1, $2, 'bench-admin') ON CONFLICT DO NOTHING`,
    [TOKEN.slice(0, 10), createHash("sha256").update(TOKEN).digest("hex")],
  );
  await sql.query(`INSERT INTO "ApiTokenService"("tokenId", "serviceId") VALUES ('rbtok', 'rbs') ON CONFLICT DO NOTHING`);
  await sql.query(
    `INSERT INTO "ChangeRequest"(id, number, year, seq, state, summary, type, risk, "servicesAffected", "usersAffected",
       "downtimeRequired", "rollbackPlan", "implementationSteps", "rollbackProcedure", "windowStart", "windowDurationMin",
       "windowTimeZone", "serviceId", "targetVersion", strategy, "requesterId", "onCallUserId", "updatedAt", "submittedAt")
     SELECT 'rbc' || g, 'CR-2024-' || lpad(g::text, 6, '0'), 2024, g, (ARRAY['APPROVED','SUBMITTED'])[1 + g % 2]::"CrState",
       'Readiness bench change ' || g, 'FEATURE', (ARRAY['LOW','MEDIUM','HIGH'])[1 + g % 3]::"RiskLevel", 'readiness-bench-service', 'None',
       false, 'Revert', ARRAY['Deploy'], 'Revert', now(), 30, 'Europe/Berlin', 'rbs', '7', 'AllAtOnce', 'bench-admin', 'bench-admin', now(), now()
     FROM generate_series(1, ${CRS}) g ON CONFLICT DO NOTHING`,
  );
  await sql.query(`INSERT INTO "GateResult"(id, "crId", gate, version, passed, value)
     SELECT 'rbg' || g || k, 'rbc' || g, k::"GateKind", '7', true, NULL FROM generate_series(1, ${CRS}) g
     CROSS JOIN unnest(ARRAY['UNIT','INTEGRATION','FULL_SUITE','SMOKE']) k ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO "Approval"(id, "crId", kind, decision, roles, round, "tokenId")
     SELECT 'rba' || g, 'rbc' || g, 'AUTOMATED', 'APPROVE', ARRAY[]::"Role"[], 0, 'rbtok' FROM generate_series(1, ${CRS}) g ON CONFLICT DO NOTHING`);
  await sql.query(`ANALYZE`);
}

export const readinessBench: BenchModule = {
  name: "readiness API (issue 3)",
  seed,
  async run({ baseUrl, log, serverPid, dbPid }) {
    const opts = { concurrency: 20, requests: 2000, warmup: 50, headers: { authorization: `Bearer ${TOKEN}` }, serverPid, dbPid };
    let i = 0;
    // Interleave two rounds so neither route benefits alone from a warmer process.
    const ping1 = await httpLoad("GET /api/v1/ping (bare JSON route)", `${baseUrl}/api/v1/ping`, opts);
    const ready1 = await httpLoad("GET /api/v1/changes/{id}/readiness", () => `${baseUrl}/api/v1/changes/rbc${1 + (i++ % CRS)}/readiness`, opts);
    const ping = await httpLoad("GET /api/v1/ping (bare JSON route)", `${baseUrl}/api/v1/ping`, opts);
    const ready = await httpLoad("GET /api/v1/changes/{id}/readiness", () => `${baseUrl}/api/v1/changes/rbc${1 + (i++ % CRS)}/readiness`, opts);
    void ping1;
    void ready1;
    log(formatLoad(ping));
    log(formatLoad(ready, "≥ 50 % of ping's req/s, p99 ≤ 25 ms"));
    const ratio = (100 * ready.rps) / ping.rps;
    log(`readiness / ping throughput: ${ratio.toFixed(0)} %  (target ≥ 50 %)  ·  readiness p99 ${ready.p99.toFixed(1)} ms (target ≤ 25 ms)`);
  },
};
