// Links from a dashboard number to the history rows behind it: the metric's row set (metric-rows.ts),
// the dashboard's scope and the period (or one trend bucket of it) as local dates. History filters
// by finish time like the dashboard, so the linked page lists exactly the rows the number counted.
import { dateKeys } from "./chart-series";
import { historyFiltersToQuery } from "./history-filters";
import type { DrillDown } from "./metric-rows";
import { addDays } from "./url-params";

export interface DrillScope {
  service?: string;
  team?: string;
}

/**
 * `/history?…` for a row set in a scope between two local dates (both inclusive), newest finish
 * first: the rows are listed in the time basis that selected them.
 */
export function drillDownHref(d: DrillDown, scope: DrillScope, from: string, to: string): string {
  const sort = { field: "finished", direction: "desc" } as const;
  return `/history${historyFiltersToQuery({ service: scope.service, team: scope.team, rows: d.rows, outcome: d.outcome, from, to, sort })}`;
}

/**
 * The local dates of trend bucket `i` (day or Monday week), clipped to the period as the buckets are:
 * a week that starts before the period opens on its first day.
 */
export function bucketDates(first: string, stepDays: 1 | 7, i: number, period: { from: string; to: string }): { from: string; to: string } {
  const start = dateKeys(first, stepDays, i + 1)[i]!;
  const end = addDays(start, stepDays - 1);
  return { from: start < period.from ? period.from : start, to: end > period.to ? period.to : end };
}

/** What a chart needs to link its buckets: the row set, the scope and the dashboard's dates. */
export interface ChartDrill {
  rows: DrillDown;
  scope: DrillScope;
  period: { from: string; to: string };
}

export function bucketHref(drill: ChartDrill, first: string, stepDays: 1 | 7, i: number): string {
  const { from, to } = bucketDates(first, stepDays, i, drill.period);
  return drillDownHref(drill.rows, drill.scope, from, to);
}
