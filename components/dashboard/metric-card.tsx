import { Badge, type Tone } from "@/components/ui/badge";
import { trendColumns } from "@/lib/domain/chart-series";
import type { DeliveryMetrics, LeadTimeResult, MetricResult } from "@/lib/domain/delivery-metrics";
import { drillDownHref, type DrillScope } from "@/lib/domain/metric-drill-down";
import { METRIC_DRILL_DOWN } from "@/lib/domain/metric-rows";
import { DORA_LEVEL_LABELS, DORA_LEVEL_RULES, type DoraLevel } from "@/lib/domain/dora-levels";
import { METRIC_DEFINITIONS } from "@/lib/domain/metric-definitions";
import { formatMetric } from "@/lib/domain/metric-format";
import type { LeadTimeCoverage } from "@/lib/domain/lead-time-coverage";
import { MetricTrendChart } from "./metric-trend-chart";

const LEVEL_TONES: Record<DoraLevel, Tone> = { elite: "green", high: "blue", medium: "amber", low: "red" };

function trendSummary(m: MetricResult): string {
  const points = m.trend.filter((p) => p.value !== null);
  if (points.length === 0) return "no data in this period.";
  const first = points[0]!;
  const last = points.at(-1)!;
  return `${m.trend.length} points from ${first.bucket} (${formatMetric(m.trendUnit, first.value)}) to ${last.bucket} (${formatMetric(m.trendUnit, last.value)}).`;
}

function LevelBadge({ m }: { m: MetricResult }) {
  const dora = METRIC_DEFINITIONS[m.key].dora;
  // Success rate is the seed's own measure: it is judged against the seed's target, not DORA.
  if (!dora || m.level === null) return <Badge tone="slate">Seed target, not a DORA metric</Badge>;
  if (m.level === "not-enough-data") {
    return (
      <span title={m.levelReason ?? undefined}>
        <Badge tone="slate">DORA: not enough data</Badge>
      </span>
    );
  }
  return (
    <span title={DORA_LEVEL_RULES[dora]}>
      <Badge tone={LEVEL_TONES[m.level]}>DORA: {DORA_LEVEL_LABELS[m.level]}</Badge>
    </span>
  );
}

/** How many rows the value's link opens: the successes, the failures, or the metric's own sample. */
function valueCount(m: MetricResult, totals: DeliveryMetrics["totals"]): number {
  if (m.key === "deploymentFrequency" || m.key === "successRate") return totals.succeeded;
  if (m.key === "changeFailureRate") return totals.failures;
  return m.sampleSize;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function MetricCard({
  m,
  stepDays,
  drill,
  totals,
  coverage,
}: {
  m: MetricResult | LeadTimeResult;
  stepDays: 1 | 7;
  drill: { scope: DrillScope; period: { from: string; to: string } };
  totals: DeliveryMetrics["totals"];
  /** Lead time only: how many successes have a known commit time. */
  coverage?: LeadTimeCoverage;
}) {
  const p90 = "p90" in m ? m.p90 : undefined;
  // Every number opens the history rows behind it (same row rule, same finish-time basis).
  const rows = METRIC_DRILL_DOWN[m.key];
  const valueHref = drillDownHref(rows.value, drill.scope, drill.period.from, drill.period.to);
  const basisHref = drillDownHref(rows.basis, drill.scope, drill.period.from, drill.period.to);
  const count = valueCount(m, totals);
  const noun = m.key === "meanTimeToRollback" ? ["rollback", "rollbacks"] : ["deployment", "deployments"];
  return (
    <section aria-labelledby={`metric-${m.key}`} data-metric={m.key} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 id={`metric-${m.key}`} className="text-sm font-semibold text-slate-800">
          {m.label}
        </h2>
        <LevelBadge m={m} />
      </div>
      <div className="mt-2 flex flex-wrap items-baseline gap-x-3">
        <a href={valueHref} title={`Open the ${plural(count, "deployment", "deployments")} behind this number`} className="text-3xl font-semibold tabular-nums text-slate-900 hover:text-indigo-700 hover:underline" data-testid={`value-${m.key}`}>
          {formatMetric(m.unit, m.value)}
        </a>
        <span className="text-sm text-slate-600">
          Target {m.target.label}{" "}
          {m.meetsTarget === null ? null : m.meetsTarget ? (
            <span className="font-medium text-green-700">✓ met</span>
          ) : (
            <span className="font-medium text-red-700">✗ missed</span>
          )}
        </span>
      </div>
      {p90 !== undefined && p90 !== null && <p className="text-xs text-slate-600">Median. 90th percentile: {formatMetric("seconds", p90)}</p>}
      {coverage && (
        <p className="text-xs font-medium text-slate-700" data-testid="lead-time-coverage">
          {coverage.text.charAt(0).toUpperCase() + coverage.text.slice(1)}
          {coverage.of > coverage.known ? " (the others have no commit time from CI or their change request)" : ""}.
        </p>
      )}
      <p className="text-xs text-slate-500">
        {m.nullReason ?? "Based on "}
        {m.nullReason ? null : (
          <a href={basisHref} className="text-indigo-700 underline" data-testid={`basis-${m.key}`}>
            {plural(m.sampleSize, noun[0]!, noun[1]!)}
          </a>
        )}
        {m.nullReason ? "" : "."}
        {m.unit === "ratio" && m.value !== null ? (
          <>
            {" "}
            <a href={valueHref} className="text-indigo-700 underline" data-testid={`rows-${m.key}`}>
              {plural(count, m.key === "changeFailureRate" ? "failure" : "success", m.key === "changeFailureRate" ? "failures" : "successes")}
            </a>{" "}
            of them.
          </>
        ) : null}
        {m.levelReason ? ` No DORA level: ${m.levelReason}` : ""}
      </p>
      <div className="mt-2">
        <MetricTrendChart
          label={m.label}
          unit={m.trendUnit}
          summary={trendSummary(m)}
          trend={trendColumns(m.trend, stepDays)}
          target={m.target}
          drill={{ rows: rows.value, ...drill }}
        />
      </div>
      <p className="mt-2 text-xs text-slate-600">
        <span className="font-medium">How it is computed: </span>
        {m.definition}
      </p>
      <details className="mt-1 text-xs text-slate-600">
        <summary className="cursor-pointer font-medium text-slate-700">Recompute from the CSV</summary>
        <p className="mt-1">
          Download the CSV of this period and scope from the history, then: {METRIC_DEFINITIONS[m.key].fromCsv} Times are UTC (ISO 8601).
        </p>
      </details>
    </section>
  );
}
