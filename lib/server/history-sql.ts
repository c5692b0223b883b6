import "server-only";
// The SQL the history page and its CSV export share, so the file holds exactly the rows on screen:
// one WHERE built from the URL filters, and one ORDER BY per sort (ties broken by id).
import { sql, type RawBuilder } from "kysely";
import type { ChangeRequest, Deployment, Service } from "@/generated/kysely/types";
import { readDb } from "@/lib/db";
import { outcomeFilterWhere, type HistoryFilters, type HistorySort } from "@/lib/domain/history-filters";
import type { HistoryRow } from "@/lib/domain/history-row";
import { periodFromLocalDates } from "@/lib/domain/time-buckets";
import { col, finishedInExpr, metricInputsSelect, metricRowsExpr } from "./metric-rows-sql";
import { riskRankExpr } from "./rules-sql";

const d = col<Deployment>("d");
const s = col<Service>("s");
const cr = col<ChangeRequest>("cr");

/**
 * The filters as one condition on `d`, its service `s` and its CR `cr` (the count joins `s` and `cr`
 * only when a filter reads them, so the condition is SQL over those names rather than a builder
 * callback typed by one FROM).
 */
function historyWhere(f: HistoryFilters, zone: string): RawBuilder<boolean> {
  const c: RawBuilder<boolean>[] = [sql<boolean>`TRUE`];
  if (f.service) c.push(sql<boolean>`${d("serviceId")} = ${f.service}`);
  if (f.team) c.push(sql<boolean>`${s("teamId")} = ${f.team}`);
  if (f.outcome) {
    const o = outcomeFilterWhere(f.outcome);
    c.push(sql<boolean>`${d("outcome")} = ${o.outcome}::"DeploymentOutcome"`);
    if (o.rollbackKind) c.push(sql<boolean>`${d("rollbackKind")} = ${o.rollbackKind}`);
  }
  if (f.strategy) c.push(sql<boolean>`${d("strategy")} = ${f.strategy}`);
  if (f.risk) c.push(sql<boolean>`${cr("risk")} = ${f.risk}::"RiskLevel"`);
  if (f.requester) c.push(sql<boolean>`COALESCE(${d("requesterId")}, ${cr("requesterId")}) = ${f.requester}`);
  if (f.rows) c.push(metricRowsExpr(f.rows));
  if (f.from || f.to) {
    // Local calendar dates, both inclusive; an open end reaches the start or end of all history.
    // By FINISH time, as the dashboard counts: a deployment belongs to the moment it finished, so a
    // date range never lists a still-running deployment.
    const p = periodFromLocalDates(f.from ?? "1970-01-01", f.to ?? "9999-12-30", zone);
    c.push(finishedInExpr(f.from ? p.from : undefined, f.to ? p.to : undefined));
  }
  return sql<boolean>`${sql.join(c, sql` AND `)}`;
}

// Each sort key is made non-null so rows without one sort together at one end; ties break on id.
const SORT_KEYS: Record<HistorySort["field"], RawBuilder<unknown>> = {
  started: d("startedAt"),
  finished: sql`COALESCE(${d("finishedAt")}, 'infinity'::timestamptz)`,
  duration: sql`COALESCE(EXTRACT(EPOCH FROM ${d("finishedAt")} - ${d("startedAt")})::float8, -1)`,
  service: s("name"),
  outcome: sql`COALESCE(${d("outcome")}::text, '')`,
  risk: sql`COALESCE(${riskRankExpr("cr.risk")}, -1)`,
};

/**
 * The filtered rows in the sort order (ties broken by id), every column a HistoryRow has except the
 * approvers: the page adds LIMIT/OFFSET, the export reads it through a cursor.
 */
export function historySelect(f: HistoryFilters, zone: string) {
  const dir = f.sort.direction === "desc" ? "desc" : "asc";
  return readDb
    .selectFrom("Deployment as d")
    .innerJoin("Service as s", "s.id", "d.serviceId")
    .innerJoin("Team as t", "t.id", "s.teamId")
    .leftJoin("ChangeRequest as cr", "cr.id", "d.crId")
    .leftJoin("User as ru", (j) => j.on((eb) => eb("ru.id", "=", eb.fn.coalesce("d.requesterId", "cr.requesterId"))))
    .select([
      "d.id", "d.kind", "s.id as serviceId", "s.name as serviceName", "t.name as teamName",
      "cr.id as crId", "cr.number as crNumber", "cr.risk", "ru.name as requesterName",
      "d.strategy", "d.fromVersion", "d.toVersion", "d.startedAt", "d.finishedAt", "d.outcome",
      "d.rollbackKind", "d.reason", ...metricInputsSelect,
    ])
    .where(historyWhere(f, zone))
    .orderBy(SORT_KEYS[f.sort.field], dir)
    .orderBy("d.id", dir);
}

/** One page of rows in the sort order (page numbers in the URL: LIMIT/OFFSET). */
export async function selectHistoryRows(f: HistoryFilters, zone: string, opts: { limit: number; offset?: number }): Promise<HistoryRow[]> {
  const raw = await historySelect(f, zone).limit(opts.limit).offset(opts.offset ?? 0).execute();
  const approvers = await approversOf(raw.flatMap((r) => (r.crId ? [r.crId] : [])));
  return raw.map((r) => ({ ...r, approvers: r.crId ? (approvers.get(r.crId) ?? []) : [] }));
}

/** Matching rows up to COUNT_CAP + 1. The count joins only the tables the filters read, so an unfiltered count is one index-only scan. */
export async function countHistoryRows(f: HistoryFilters, zone: string): Promise<number> {
  // Counting 300,000 rows on every page view costs more than the page; past the cap we say "more than".
  const capped = readDb
    .selectFrom("Deployment as d")
    .$if(!!f.team, (q) => q.innerJoin("Service as s", "s.id", "d.serviceId"))
    .$if(!!(f.risk || f.requester), (q) => q.leftJoin("ChangeRequest as cr", "cr.id", "d.crId"))
    .select(sql<number>`1`.as("one"))
    .where(historyWhere(f, zone))
    .limit(COUNT_CAP + 1)
    .as("capped");
  const r = await readDb.selectFrom(capped).select(sql<number>`count(*)::int`.as("n")).executeTakeFirst();
  return r?.n ?? 0;
}

export const COUNT_CAP = 10_000;

/** Who approved each CR (approvals with decision APPROVE, any round), by name. */
async function approversOf(crIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (crIds.length === 0) return out;
  for (const r of await approversQuery(crIds).execute()) out.set(r.crId, r.names);
  return out;
}

/** The approvers of the CRs `crIds` (not empty), one row per CR with any. */
export function approversQuery(crIds: string[]) {
  return readDb
    .selectFrom("Approval as a")
    .leftJoin("User as u", "u.id", "a.userId")
    .select((eb) => {
      const name = sql`COALESCE(${eb.ref("u.name")}, ${eb.ref("a.kind")}::text)`;
      return ["a.crId", sql<string[]>`array_agg(DISTINCT ${name} ORDER BY ${name})`.as("names")];
    })
    .where("a.crId", "in", [...new Set(crIds)])
    .where("a.decision", "=", sql.lit("APPROVE"))
    .groupBy("a.crId");
}
