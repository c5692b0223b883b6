import "server-only";
// The SQL the history page and its CSV export share, so the file holds exactly the rows on screen:
// one WHERE built from the URL filters, one ORDER BY per sort, and keyset paging on (sort key, id).
import { Prisma } from "@/generated/prisma/client";
import { readSql, readRows } from "@/lib/db";
import { outcomeFilterWhere, type HistoryFilters, type HistorySort } from "@/lib/domain/history-filters";
import type { HistoryRow } from "@/lib/domain/history-row";
import { periodFromLocalDates } from "@/lib/domain/time-buckets";
import { finishedInSql, METRIC_INPUTS_SELECT_SQL, metricRowsSql } from "./metric-rows-sql";

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

// Each sort key is made non-null so row comparisons page through every row; ties break on id.
const SORT_KEYS: Record<HistorySort["field"], { expr: Prisma.Sql; type: string }> = {
  started: { expr: Prisma.sql`d."startedAt"`, type: "timestamptz" },
  finished: { expr: Prisma.sql`COALESCE(d."finishedAt", 'infinity'::timestamptz)`, type: "timestamptz" },
  duration: { expr: Prisma.sql`COALESCE(EXTRACT(EPOCH FROM d."finishedAt" - d."startedAt")::float8, -1)`, type: "float8" },
  service: { expr: Prisma.sql`s.name`, type: "text" },
  outcome: { expr: Prisma.sql`COALESCE(d.outcome::text, '')`, type: "text" },
  risk: { expr: Prisma.sql`COALESCE(CASE cr.risk WHEN 'LOW' THEN 1 WHEN 'MEDIUM' THEN 2 WHEN 'HIGH' THEN 3 END, 0)`, type: "int" },
};

export interface HistoryCursor {
  key: string;
  id: string;
}

interface RawRow extends Omit<HistoryRow, "approvers"> {
  sortKey: string;
}

/**
 * The filtered rows in the sort order (ties broken by id), every column a HistoryRow has except the
 * approvers: the page adds LIMIT/OFFSET, the export reads it through a cursor.
 */
export function historySelectSql(f: HistoryFilters, zone: string, after?: HistoryCursor): Prisma.Sql {
  const sort = SORT_KEYS[f.sort.field];
  const dir = Prisma.raw(f.sort.direction === "desc" ? "DESC" : "ASC");
  const cmp = Prisma.raw(f.sort.direction === "desc" ? "<" : ">");
  const cmpEq = Prisma.raw(f.sort.direction === "desc" ? "<=" : ">=");
  const key = after ? Prisma.sql`CAST(${after.key} AS ${Prisma.raw(sort.type)})` : Prisma.empty;
  // Spelled out rather than as a row comparison so the first term is an index range condition
  // (e.g. on "startedAt") and each batch starts where the last ended instead of re-sorting everything.
  const afterSql = after ? Prisma.sql`AND ${sort.expr} ${cmpEq} ${key} AND (${sort.expr} ${cmp} ${key} OR d.id ${cmp} ${after.id})` : Prisma.empty;
  return Prisma.sql`
    SELECT d.id, d.kind::text AS kind, s.id AS "serviceId", s.name AS "serviceName", t.name AS "teamName",
      cr.id AS "crId", cr.number AS "crNumber", cr.risk::text AS risk, ru.name AS "requesterName",
      d.strategy, d."fromVersion", d."toVersion", d."startedAt", d."finishedAt", d.outcome::text AS outcome,
      d."rollbackKind", d.reason, ${METRIC_INPUTS_SELECT_SQL}, (${sort.expr})::text AS "sortKey"
    ${HISTORY_FROM}
    WHERE ${historyWhere(f, zone)} ${afterSql}
    ORDER BY ${sort.expr} ${dir}, d.id ${dir}`;
}

/** One page of rows in the sort order: by OFFSET (page numbers in the URL) or after a keyset cursor. */
export async function selectHistoryRows(
  f: HistoryFilters,
  zone: string,
  opts: { limit: number; offset?: number; after?: HistoryCursor },
): Promise<{ rows: HistoryRow[]; last: HistoryCursor | null }> {
  const raw = await readSql<RawRow[]>`${historySelectSql(f, zone, opts.after)} LIMIT ${opts.limit} OFFSET ${opts.offset ?? 0}`;
  const approvers = await approversOf(raw.flatMap((r) => (r.crId ? [r.crId] : [])));
  const rows = raw.map(({ sortKey: _k, ...r }) => ({ ...r, approvers: r.crId ? (approvers.get(r.crId) ?? []) : [] }));
  const lastRaw = raw.at(-1);
  return { rows, last: lastRaw ? { key: lastRaw.sortKey, id: lastRaw.id } : null };
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
