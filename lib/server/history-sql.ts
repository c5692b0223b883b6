import "server-only";
// The SQL the history page and its CSV export share, so the file holds exactly the rows on screen:
// one WHERE built from the URL filters, and one ORDER BY per sort (ties broken by id).
import { Prisma } from "@/generated/prisma/client";
import { readSql, readRows } from "@/lib/db";
import { outcomeFilterWhere, type HistoryFilters, type HistorySort } from "@/lib/domain/history-filters";
import type { HistoryRow } from "@/lib/domain/history-row";
import { periodFromLocalDates } from "@/lib/domain/time-buckets";
import { finishedInSql, METRIC_INPUTS_SELECT_SQL, metricRowsSql } from "./metric-rows-sql";
import { riskRankSql } from "./rules-sql";

export const HISTORY_FROM = Prisma.sql`
  FROM "Deployment" d
  JOIN "Service" s ON s.id = d."serviceId"
  JOIN "Team" t ON t.id = s."teamId"
  LEFT JOIN "ChangeRequest" cr ON cr.id = d."crId"
  LEFT JOIN "User" ru ON ru.id = COALESCE(d."requesterId", cr."requesterId")`;

export function historyWhere(f: HistoryFilters, zone: string): Prisma.Sql {
  const c: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.service) c.push(Prisma.sql`d."serviceId" = ${f.service}`);
  if (f.team) c.push(Prisma.sql`s."teamId" = ${f.team}`);
  if (f.outcome) {
    const o = outcomeFilterWhere(f.outcome);
    c.push(Prisma.sql`d.outcome = ${o.outcome}::"DeploymentOutcome"`);
    if (o.rollbackKind) c.push(Prisma.sql`d."rollbackKind" = ${o.rollbackKind}`);
  }
  if (f.strategy) c.push(Prisma.sql`d.strategy = ${f.strategy}`);
  if (f.risk) c.push(Prisma.sql`cr.risk = ${f.risk}::"RiskLevel"`);
  if (f.requester) c.push(Prisma.sql`COALESCE(d."requesterId", cr."requesterId") = ${f.requester}`);
  if (f.rows) c.push(metricRowsSql(f.rows));
  if (f.from || f.to) {
    // Local calendar dates, both inclusive; an open end reaches the start or end of all history.
    // By FINISH time, as the dashboard counts: a deployment belongs to the moment it finished, so a
    // date range never lists a still-running deployment.
    const p = periodFromLocalDates(f.from ?? "1970-01-01", f.to ?? "9999-12-30", zone);
    c.push(finishedInSql(f.from ? p.from : undefined, f.to ? p.to : undefined));
  }
  return Prisma.join(c, " AND ");
}

// Each sort key is made non-null so rows without one sort together at one end; ties break on id.
const SORT_KEYS: Record<HistorySort["field"], Prisma.Sql> = {
  started: Prisma.sql`d."startedAt"`,
  finished: Prisma.sql`COALESCE(d."finishedAt", 'infinity'::timestamptz)`,
  duration: Prisma.sql`COALESCE(EXTRACT(EPOCH FROM d."finishedAt" - d."startedAt")::float8, -1)`,
  service: Prisma.sql`s.name`,
  outcome: Prisma.sql`COALESCE(d.outcome::text, '')`,
  risk: Prisma.sql`COALESCE(${riskRankSql("cr.risk")}, -1)`,
};

/**
 * The filtered rows in the sort order (ties broken by id), every column a HistoryRow has except the
 * approvers: the page adds LIMIT/OFFSET, the export reads it through a cursor.
 */
export function historySelectSql(f: HistoryFilters, zone: string): Prisma.Sql {
  const sort = SORT_KEYS[f.sort.field];
  const dir = Prisma.raw(f.sort.direction === "desc" ? "DESC" : "ASC");
  return Prisma.sql`
    SELECT d.id, d.kind::text AS kind, s.id AS "serviceId", s.name AS "serviceName", t.name AS "teamName",
      cr.id AS "crId", cr.number AS "crNumber", cr.risk::text AS risk, ru.name AS "requesterName",
      d.strategy, d."fromVersion", d."toVersion", d."startedAt", d."finishedAt", d.outcome::text AS outcome,
      d."rollbackKind", d.reason, ${METRIC_INPUTS_SELECT_SQL}
    ${HISTORY_FROM}
    WHERE ${historyWhere(f, zone)}
    ORDER BY ${sort} ${dir}, d.id ${dir}`;
}

/** One page of rows in the sort order (page numbers in the URL: LIMIT/OFFSET). */
export async function selectHistoryRows(f: HistoryFilters, zone: string, opts: { limit: number; offset?: number }): Promise<HistoryRow[]> {
  const raw = await readSql<Omit<HistoryRow, "approvers">[]>`${historySelectSql(f, zone)} LIMIT ${opts.limit} OFFSET ${opts.offset ?? 0}`;
  const approvers = await approversOf(raw.flatMap((r) => (r.crId ? [r.crId] : [])));
  return raw.map((r) => ({ ...r, approvers: r.crId ? (approvers.get(r.crId) ?? []) : [] }));
}

/** Matching rows up to COUNT_CAP + 1. The count joins only the tables the filters read, so an unfiltered count is one index-only scan. */
export async function countHistoryRows(f: HistoryFilters, zone: string): Promise<number> {
  const from = Prisma.sql`FROM "Deployment" d
    ${f.team ? Prisma.sql`JOIN "Service" s ON s.id = d."serviceId"` : Prisma.empty}
    ${f.risk || f.requester ? Prisma.sql`LEFT JOIN "ChangeRequest" cr ON cr.id = d."crId"` : Prisma.empty}`;
  // Counting 300,000 rows on every page view costs more than the page; past the cap we say "more than".
  const [r] = await readSql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 ${from} WHERE ${historyWhere(f, zone)} LIMIT ${COUNT_CAP + 1}) capped`;
  return r?.n ?? 0;
}

export const COUNT_CAP = 10_000;

/** Who approved each CR (approvals with decision APPROVE, any round), by name. */
async function approversOf(crIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (crIds.length === 0) return out;
  const rows = await readRows<{ crId: string; names: string[] }[]>(approversSql(crIds));
  for (const r of rows) out.set(r.crId, r.names);
  return out;
}

export function approversSql(crIds: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT a."crId", array_agg(DISTINCT COALESCE(u.name, a.kind::text) ORDER BY COALESCE(u.name, a.kind::text)) AS names
    FROM "Approval" a LEFT JOIN "User" u ON u.id = a."userId"
    WHERE a."crId" IN (${Prisma.join([...new Set(crIds)])}) AND a.decision = 'APPROVE'
    GROUP BY a."crId"`;
}
