import "server-only";
// The SQL rules deciding which deployments each metric counts, written once: the dashboard's
// aggregate (delivery-metrics-sql.ts) and the history page and CSV (history-sql.ts) both use these
// expressions, so a number on the dashboard and the rows it opens cannot disagree. The reference
// rules in words are lib/domain/delivery-metrics.ts; the sets by name are lib/domain/metric-rows.ts.
// All expressions read the deployment as `d`; they are Kysely expressions for readDb queries, their
// columns named through `col`, so a renamed column in schema.prisma fails the typecheck here.
import { sql, type RawBuilder, type SelectType } from "kysely";
import type { ChangeRequest, Deployment } from "@/generated/kysely/types";
import type { MetricRowSet } from "@/lib/domain/metric-rows";
import { changeNotAbandonedExpr } from "./rules-sql";

/** `col<Table>("alias")("column")`: a column of the table read under `alias`, typed from the schema. */
export const col =
  <T>(alias: string) =>
  <C extends keyof T & string>(c: C): RawBuilder<SelectType<T[C]>> =>
    sql.ref(`${alias}.${c}`);
const d = col<Deployment>("d");
const r = col<Deployment>("r");
const f = col<Deployment>("f");
const h = col<ChangeRequest>("h");
const cr = col<ChangeRequest>("cr");
const fcr = col<ChangeRequest>("fcr");

/** Counted: a change shipped (not a rollback operation) that has finished with an outcome. */
export const countedExpr = sql<boolean>`${d("kind")} = 'DEPLOY' AND ${d("outcome")} IS NOT NULL`;

/** One time basis on every page: a deployment belongs to the instant it finished, [from, to). */
export function finishedInExpr(from: Date | undefined, to: Date | undefined): RawBuilder<boolean> {
  const c: RawBuilder<boolean>[] = [];
  if (from) c.push(sql<boolean>`${d("finishedAt")} >= ${from}::timestamptz`);
  if (to) c.push(sql<boolean>`${d("finishedAt")} < ${to}::timestamptz`);
  return c.length ? sql<boolean>`${sql.join(c, sql` AND `)}` : sql<boolean>`TRUE`;
}

/** Seconds from commit to production for a success whose commit time is known and not later. */
export const leadSecondsExpr = sql<number | null>`CASE WHEN ${d("outcome")} = 'SUCCEEDED' AND ${d("commitTime")} <= ${d("finishedAt")}
  THEN EXTRACT(EPOCH FROM ${d("finishedAt")} - ${d("commitTime")})::float8 END`;

/**
 * When a rolled-back deployment's rollback completed (the domain's rolledBackAt ?? finishedAt): the
 * finish of the successful manual rollback (kind ROLLBACK) that reverted it, which leaves the
 * deployment's own finish untouched; else its finishedAt (an automatic rollback ends the deployment).
 */
export const rolledBackAtExpr = sql<Date | null>`COALESCE((SELECT min(${r("finishedAt")}) FROM "Deployment" r
  WHERE ${r("revertsDeploymentId")} = ${d("id")} AND ${r("kind")} = 'ROLLBACK' AND ${r("outcome")} = 'SUCCEEDED'), ${d("finishedAt")})`;

/** Seconds from the issue being detected to the rollback completing (a manual one's detection is the "problem seen at"). */
export const recoverySecondsExpr = sql<number | null>`CASE WHEN ${d("outcome")} = 'ROLLED_BACK' THEN (
  SELECT CASE WHEN ${d("issueDetectedAt")} <= e.at THEN EXTRACT(EPOCH FROM e.at - ${d("issueDetectedAt")})::float8 END
  FROM (SELECT ${rolledBackAtExpr} AS at) e) END`;

/** A hotfix CR `h` that counts: linked to a deployment and not cancelled or rejected. */
export const liveHotfixExpr = sql<boolean>`${h("hotfixForDeploymentId")} IS NOT NULL AND ${changeNotAbandonedExpr("h")}`;

/** A change failure: rolled back, or a live hotfix CR names it. */
export const isFailureExpr = sql<boolean>`(${d("outcome")} = 'ROLLED_BACK' OR ${d("id")} IN (
  SELECT ${h("hotfixForDeploymentId")} FROM "ChangeRequest" h WHERE ${liveHotfixExpr}))`;

/** The columns the CSV needs to recompute every metric (history-row.ts MetricInputs), reading `d` and its CR `cr`. */
export const metricInputsSelect = [
  d("commitSha").as("commitSha"),
  d("commitTime").as("commitTime"),
  d("issueDetectedAt").as("issueDetectedAt"),
  sql<Date | null>`CASE WHEN ${d("outcome")} = 'ROLLED_BACK' THEN ${rolledBackAtExpr} END`.as("rolledBackAt"),
  sql<string | null>`(SELECT ${f("id")} || COALESCE(' (' || ${fcr("number")} || ')', '') FROM "Deployment" f LEFT JOIN "ChangeRequest" fcr ON ${fcr("id")} = ${f("crId")}
    WHERE ${f("id")} = ${cr("hotfixForDeploymentId")})`.as("hotfixOf"),
  sql<string[]>`ARRAY(SELECT ${h("number")} FROM "ChangeRequest" h WHERE ${h("hotfixForDeploymentId")} = ${d("id")} AND ${liveHotfixExpr} ORDER BY ${h("number")})`.as("hotfixedBy"),
] as const;

/** The rows behind a metric, as a WHERE condition (history's ?rows= filter). */
export function metricRowsExpr(set: MetricRowSet): RawBuilder<boolean> {
  switch (set) {
    case "counted":
      return countedExpr;
    case "lead-time":
      return sql<boolean>`${countedExpr} AND (${leadSecondsExpr}) IS NOT NULL`;
    case "recovery":
      return sql<boolean>`${countedExpr} AND (${recoverySecondsExpr}) IS NOT NULL`;
    case "failure":
      return sql<boolean>`${countedExpr} AND ${isFailureExpr}`;
  }
}
