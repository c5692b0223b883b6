// Issue 3 bench: the CAB meeting page with 300 changes on its agenda (each with one in-meeting vote,
// so all still await a decision and render a vote form), for a user who may vote on all of them,
// over HTTP with 10 concurrent clients.
import type pg from "pg";
import type { BenchModule } from "./context";
import { formatLoad, httpLoad } from "./http-load";

const MEETING = "bench-cab-meeting";
const CRS = 300;

async function seed(sql: pg.Client) {
  const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "ChangeRequest" WHERE "cabMeetingId" = $1`, [MEETING]);
  if (Number(rows[0]!.n) >= CRS) return;
  await sql.query(`INSERT INTO "Team"(id, name) VALUES ('cab-bt', 'cab-bench-team') ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO "User"(id, email, name, roles, "updatedAt", "teamId") VALUES
     ('cab-req', 'cab-req@example.test', 'Bench Requester', ARRAY['ENGINEER']::"Role"[], now(), 'cab-bt'),
     ('cab-lead', 'cab-lead@example.test', 'Bench Lead', ARRAY['CAB_MEMBER']::"Role"[], now(), 'cab-bt'),
     ('cab-sre', 'cab-sre@example.test', 'Bench SRE', ARRAY['CAB_MEMBER','SRE']::"Role"[], now(), 'cab-bt')
     ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO "Service"(id, name, "teamId", "awsRegion", "functionName", alias, "updatedAt", "onCallUserId")
     VALUES ('cab-bs', 'cab-bench-service', 'cab-bt', 'us-east-1', 'cab-bench-fn', 'production', now(), 'cab-req') ON CONFLICT DO NOTHING`);
  // Wednesday 2 January 2030, 14:00 Berlin.
  await sql.query(`INSERT INTO "CabMeeting"(id, "startsAt", "endsAt", "updatedAt") VALUES ($1, '2030-01-02T13:00:00Z', '2030-01-02T14:00:00Z', now()) ON CONFLICT DO NOTHING`, [MEETING]);
  await sql.query(
    `INSERT INTO "ChangeRequest"(id, number, year, seq, state, summary, type, risk, "servicesAffected", "usersAffected",
       "downtimeRequired", "rollbackPlan", "implementationSteps", "rollbackProcedure", "windowStart", "windowDurationMin",
       "windowTimeZone", "serviceId", "targetVersion", strategy, "requesterId", "onCallUserId", "createdAt", "updatedAt", "submittedAt",
       "cabMeetingId", "suggestedRisk", "riskJustification")
     SELECT 'cab-cr' || g, 'CR-2029-' || lpad(g::text, 4, '0'), 2029, g, 'SUBMITTED', 'Agenda change ' || g || ': adjust the cache for the checkout flow',
       'FEATURE', (ARRAY['LOW','MEDIUM','HIGH'])[1 + g % 3]::"RiskLevel", 'cab-bench-service', 'Checkout customers', false, 'Revert',
       ARRAY['Deploy', 'Monitor'], 'aws lambda update-alias …', timestamp '2030-01-03' + (g || ' minutes')::interval, 30, 'Europe/Berlin',
       'cab-bs', '3', 'Canary10Percent5Minutes', 'cab-req', 'cab-req', timestamp '2029-12-20', now(), timestamp '2029-12-20' + (g || ' minutes')::interval,
       $1, CASE WHEN g % 10 = 0 THEN 'HIGH'::"RiskLevel" END, CASE WHEN g % 10 = 0 THEN 'Only a config flag; reverts by alias switch in seconds.' END
     FROM generate_series(1, ${CRS}) g ON CONFLICT DO NOTHING`,
    [MEETING],
  );
  await sql.query(`INSERT INTO "Approval"(id, "crId", "userId", kind, decision, comment, roles, round, "meetingId", "createdAt")
     SELECT 'cab-ap-' || u.id || '-' || g, 'cab-cr' || g, u.id, 'STANDARD', 'APPROVE', NULL, u.roles, 0, $1, now()
     FROM generate_series(1, ${CRS}) g CROSS JOIN (SELECT id, roles FROM "User" WHERE id IN ('cab-lead')) u ON CONFLICT DO NOTHING`, [MEETING]);
  await sql.query(`ANALYZE`);
}

export const cabBench: BenchModule = {
  name: "CAB meeting page (issue 3)",
  seed,
  async run({ baseUrl, cookie, log, serverPid, dbPid }) {
    const opts = { concurrency: 10, requests: 200, headers: { cookie }, serverPid, dbPid };
    log(formatLoad(await httpLoad(`CAB meeting page, ${CRS} changes on the agenda`, `${baseUrl}/cab/${MEETING}`, opts), "p95 ≤ 300 ms"));
  },
};
