// The dashboard's chart data as columns, the shape the server hands to its client charts. A year of
// days as objects ({"date":"2025-11-28","success":41,…} × 365, and five trend charts beside it) was
// half the page's React payload, and the server pays CPU per byte it renders. Bucket dates are
// consecutive (every day, or every Monday), so only the first one travels; the chart rebuilds the rest.
import type { DailyOutcomeCount } from "./daily-outcomes";

export interface DailyColumns {
  /** Local date of the first day, 'YYYY-MM-DD'; day i is i calendar days later. */
  first: string;
  success: number[];
  failed: number[];
  rolledBack: number[];
}

export interface TrendColumns {
  /** Local date the first bucket starts on; bucket i starts i × stepDays calendar days later. */
  first: string;
  stepDays: 1 | 7;
  values: (number | null)[];
  samples: number[];
  p90?: (number | null)[];
}

/** `n` calendar dates from `first`, `stepDays` apart (calendar arithmetic: no time zone involved). */
export function dateKeys(first: string, stepDays: number, n: number): string[] {
  const [y, m, d] = first.split("-").map(Number) as [number, number, number];
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(y, m - 1, d + i * stepDays)).toISOString().slice(0, 10));
}

/** Six significant digits: more than any tooltip shows, and far shorter than a float's seventeen. */
export const shortNumber = (v: number | null): number | null => (v === null || Number.isInteger(v) ? v : Number(v.toPrecision(6)));

export function dailyColumns(days: readonly DailyOutcomeCount[]): DailyColumns {
  return {
    first: days[0]?.date ?? "1970-01-01",
    success: days.map((d) => d.success),
    failed: days.map((d) => d.failed),
    rolledBack: days.map((d) => d.rolledBack),
  };
}

export function expandDaily(c: DailyColumns): DailyOutcomeCount[] {
  const dates = dateKeys(c.first, 1, c.success.length);
  return dates.map((date, i) => ({ date, success: c.success[i] ?? 0, failed: c.failed[i] ?? 0, rolledBack: c.rolledBack[i] ?? 0 }));
}

export function trendColumns(trend: readonly { bucket: string; value: number | null; sampleSize: number; p90?: number | null }[], stepDays: 1 | 7): TrendColumns {
  const withP90 = trend.some((p) => p.p90 !== undefined);
  return {
    first: trend[0]?.bucket ?? "1970-01-01",
    stepDays,
    values: trend.map((p) => shortNumber(p.value)),
    samples: trend.map((p) => p.sampleSize),
    ...(withP90 ? { p90: trend.map((p) => shortNumber(p.p90 ?? null)) } : {}),
  };
}

export function expandTrend(c: TrendColumns): { bucket: string; value: number | null; sampleSize: number; p90?: number | null }[] {
  const buckets = dateKeys(c.first, c.stepDays, c.values.length);
  return buckets.map((bucket, i) => ({
    bucket,
    value: c.values[i] ?? null,
    sampleSize: c.samples[i] ?? 0,
    ...(c.p90 ? { p90: c.p90[i] ?? null } : {}),
  }));
}

/** One stored gate reading as the deployment page receives it. */
export interface GateReadingPoint {
  at: string;
  scope: string;
  invocations: number;
  errors: number;
  p99Ms: number | null;
  errorRate: number | null;
  breached: string | null;
}

export type GateMetric = "errorRate" | "p99Ms" | "errors" | "invocations";

/** One metric period on the gate charts: the new version's value beside the old one's. */
export interface GateChartRow {
  at: string;
  newValue: number | null;
  oldValue: number | null;
  /** The gate rule this period of the new version breached, if any. */
  breached: string | null;
}

/**
 * A metric of a deployment's readings as rows per period, the new version beside the old one. The
 * orchestrator stores the new version's readings while traffic is split ("version N"), the alias's
 * once it serves only the new version, and the old version's ("version M") for comparison; a flag
 * rollout or an ECS service has only one scope, which is then the "new" series.
 */
export function gateChartRows(readings: readonly GateReadingPoint[], metric: GateMetric, fromVersion: string): GateChartRow[] {
  const oldScope = `version ${fromVersion}`;
  const byAt = new Map<string, GateChartRow>();
  for (const r of readings) {
    const row = byAt.get(r.at) ?? { at: r.at, newValue: null, oldValue: null, breached: null };
    const value = r[metric];
    if (r.scope === oldScope) row.oldValue = value;
    else {
      row.newValue = value;
      row.breached ??= r.breached;
    }
    byAt.set(r.at, row);
  }
  return [...byAt.values()].sort((a, b) => a.at.localeCompare(b.at));
}
